/**
 * The workspace's top-level views, in navigation order. Exports are made from
 * the chart itself (its Export button), so they always show what is drawn.
 */
export const VIEW_IDS = ['cases', 'import', 'entities', 'graph', 'alerts', 'screening', 'share', 'profiles', 'audit'] as const;
export type ViewId = (typeof VIEW_IDS)[number];
