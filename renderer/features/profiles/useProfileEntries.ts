import { useEffect, useState, useSyncExternalStore } from 'react';
import { database } from '../../db/database';
import { profileChanges } from './profileEvents';
import { listProfiles, type ProfileEntry } from './repository';

/**
 * The stored profiles, re-read whenever one changes (profileChanges), and the change version itself
 * (an editor keyed on it starts again from the stored profile). One owner for the list the profile
 * view and the case's profile switcher both show.
 */
export function useProfileEntries(): { entries: ProfileEntry[]; version: number } {
  const version = useSyncExternalStore(profileChanges.subscribe, profileChanges.getVersion);
  const [entries, setEntries] = useState<ProfileEntry[]>([]);
  useEffect(() => {
    let live = true;
    void listProfiles(database()).then((list) => live && setEntries(list));
    return () => {
      live = false;
    };
  }, [version]);
  return { entries, version };
}
