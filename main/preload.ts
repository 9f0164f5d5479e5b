// Sandboxed preload: bundled to CommonJS (sandboxed preloads cannot be ES
// modules) and limited to contextBridge + ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/ipc/channels';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
