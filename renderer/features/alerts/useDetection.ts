import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useWorkspace } from '../../app/workspace';
import { profileChanges } from '../profiles/profileEvents';
import { detectionService } from './detectionService';

export { useDetection } from './detectionService';

/**
 * Tells the detection service which case is open, and when its data or its
 * profile's content change. Mounted once, by the app shell, so detection
 * follows the case from any view and no view starts runs of its own.
 */
export function DetectionRunner(): null {
  const { caseRow, datasetVersion } = useWorkspace();
  const profilesVersion = useSyncExternalStore(profileChanges.subscribe, profileChanges.getVersion);
  const latestCase = useRef(caseRow);
  latestCase.current = caseRow;
  const caseId = caseRow?.id;
  const profileId = caseRow?.profileId;
  const generation = `${datasetVersion}:${profilesVersion}`;
  // The worker's script is loaded and compiled before a case opens, so the first run does not wait for it.
  useEffect(() => detectionService.prepare(), []);
  useEffect(() => {
    detectionService.follow(latestCase.current, generation).catch((error: unknown) => console.error(error));
  }, [caseId, profileId, generation]);
  return null;
}
