/** The workspace's top-level views, in navigation order. */
export const VIEW_IDS = ['cases', 'import', 'graph', 'alerts', 'export', 'share', 'profiles'] as const;
export type ViewId = (typeof VIEW_IDS)[number];
