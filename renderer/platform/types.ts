/** A file the analyst chose. Always a Blob, so the import worker reads it the same way in Electron and the web build. */
export interface PickedFile {
  name: string;
  size: number;
  blob: Blob;
}

export interface SaveRequest {
  suggestedName: string;
  data: Blob | Uint8Array | string;
  mimeType: string;
  filters?: { name: string; extensions: string[] }[];
}

export interface SaveResult {
  saved: boolean;
  /** The path the analyst chose (Electron only; a browser does not reveal where it downloads). */
  location?: string;
}

export interface PickFilesOptions {
  /** Extensions with their dot (".csv") or MIME types ("text/csv"), as for <input accept>. */
  accept: string[];
  multiple: boolean;
}

export interface Platform {
  kind: 'electron' | 'web';
  saveFile(request: SaveRequest): Promise<SaveResult>;
  /** Electron: the system dialog. Web: not available (a page cannot open a dialog unprompted) → render <FilePicker>. */
  pickFiles(options: PickFilesOptions): Promise<PickedFile[]>;
}
