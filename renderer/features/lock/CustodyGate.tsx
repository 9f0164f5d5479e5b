import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ChainVerification, UnlockedAnalyst } from '../../../shared/audit';
import { custodySession } from '../../db/audit';
import { lockSession, type UnlockResult } from '../../db/analysts';
import { useI18n } from '../../i18n/I18nProvider';
import { idleExpired, readIdleMinutes } from './idle';
import { LockScreen } from './LockScreen';
import { database } from '../../db/database';
import { startReseal, stopReseal } from '../audit/resealService';

export interface Custody {
  analyst: UnlockedAnalyst;
  /** The chain check made on unlocking (the audit view re-checks on demand). */
  chain: ChainVerification;
  lock(): void;
}

const CustodyContext = createContext<Custody | null>(null);

export function useCustody(): Custody {
  const context = useContext(CustodyContext);
  if (!context) throw new Error('useCustody must be used inside <CustodyGate>');
  return context;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'pointermove'] as const;

/**
 * Nothing of the app is mounted until an analyst unlocks: the lock screen
 * is the first screen. Locking (by hand or after the idle time) unmounts the
 * app and wipes the keys held in memory.
 */
export function CustodyGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const analyst = useSyncExternalStore(custodySession.subscribe, custodySession.get);
  const [chain, setChain] = useState<ChainVerification | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const lock = useCallback((why: string | null = null) => {
    stopReseal();
    lockSession();
    setChain(null);
    setNotice(why);
  }, []);

  const unlocked = useCallback((result: UnlockResult) => {
    setChain(result.chain);
    setNotice(null);
    // Rows stored before sealing existed are sealed in the background; the Audit view shows how far.
    void startReseal(database());
  }, []);

  useIdleLock(Boolean(analyst), (minutes) => lock(t('lock.idle', { minutes })));

  const value = useMemo<Custody | null>(() => (analyst && chain ? { analyst, chain, lock: () => lock() } : null), [analyst, chain, lock]);
  if (!value) return <LockScreen onUnlocked={unlocked} notice={notice} />;
  return (
    <CustodyContext.Provider value={value}>
      {!value.chain.ok && value.chain.problem && (
        <div className="chain-broken" role="alert" data-testid="chain-broken">
          {t('lock.chainBroken', { seq: value.chain.problem.seq, detail: t(`chain.problem.${value.chain.problem.reason}`, { seq: value.chain.problem.seq }) })}
        </div>
      )}
      {children}
    </CustodyContext.Provider>
  );
}

/** Who is signed in, and the lock button: shown in the app's header. */
export function CustodyBadge() {
  const { t } = useI18n();
  const custody = useContext(CustodyContext);
  if (!custody) return null;
  return (
    <span className="custody-bar" data-testid="custody-bar">
      <span data-testid="custody-analyst">{t('lock.bar.analyst', { name: custody.analyst.analyst.name })}</span>
      <button type="button" data-testid="lock-now" onClick={() => custody.lock()}>
        {t('lock.bar.lock')}
      </button>
    </span>
  );
}

function useIdleLock(active: boolean, onIdle: (minutes: number) => void): void {
  const lastActivity = useRef(Date.now());
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!active) return;
    lastActivity.current = Date.now();
    const touch = () => {
      lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const minutes = readIdleMinutes();
      if (idleExpired(lastActivity.current, Date.now(), minutes)) onIdleRef.current(minutes);
    }, 5_000);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [active]);
}
