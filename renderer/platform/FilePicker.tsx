import { useId, useRef, useState, type ChangeEvent } from 'react';
import { platform } from './current';
import type { PickedFile } from './types';

export interface FilePickerProps {
  /** Extensions with their dot (".csv") or MIME types, as for <input accept>. */
  accept: string[];
  multiple?: boolean;
  label: string;
  testId: string;
  onFiles(files: PickedFile[]): void;
  /** Reading a chosen file failed (Electron only); without it the error goes to the console. */
  onError?(error: Error): void;
  disabled?: boolean;
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/**
 * The one way the UI asks for files. In a browser it is a visible, labelled
 * file input (end-to-end tests call setInputFiles on it); in Electron a button
 * that opens the system dialog through the preload bridge.
 */
export function FilePicker({ accept, multiple = false, label, testId, onFiles, onError, disabled = false }: FilePickerProps) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  if (platform.kind === 'electron') {
    const pick = () => {
      setBusy(true);
      platform
        .pickFiles({ accept, multiple })
        .then((files) => {
          if (files.length > 0) onFiles(files);
        })
        .catch((reason: unknown) => (onError ? onError(asError(reason)) : console.error(reason)))
        .finally(() => setBusy(false));
    };
    return (
      <button type="button" className="file-picker" data-testid={testId} disabled={disabled || busy} aria-busy={busy} onClick={pick}>
        {label}
      </button>
    );
  }

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])].map((file) => ({ name: file.name, size: file.size, blob: file }));
    // Cleared so choosing the same file again still fires a change.
    if (inputRef.current) inputRef.current.value = '';
    if (files.length > 0) onFiles(files);
  };
  // The native input is visually hidden behind the translated label: Chromium
  // would otherwise print its own English "Choose Files / No file chosen".
  return (
    <span className={`file-picker${disabled ? ' disabled' : ''}`}>
      <label htmlFor={inputId} className="file-picker-button">{label}</label>
      <input
        className="visually-hidden"
        ref={inputRef}
        id={inputId}
        type="file"
        data-testid={testId}
        accept={accept.join(',')}
        multiple={multiple}
        disabled={disabled}
        onChange={onChange}
      />
    </span>
  );
}
