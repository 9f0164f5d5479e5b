import type { Ref } from 'react';
import type { GraphView, LinkMode, NodeKind, StyleRule } from '../../../shared/graph';
import { ALERT_COLOUR, EVIDENCE_COLOUR, iconDataUri, KIND_COLOURS, PARTNER_COLOUR, PEP_COLOUR, THIRD_PARTY_COLOUR, WATCHLIST_COLOUR } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { COMMUNITY_COLOURS } from './CommunitiesPanel';

const KINDS_BY_VIEW: Record<GraphView, NodeKind[]> = {
  accounts: ['account'],
  parties: ['person', 'company', 'account'],
  trade: ['company', 'person', 'port', 'country', 'goods'],
};

/** The chart's key, drawn over the canvas (and therefore in every screenshot the analyst takes). */
export interface LegendProps {
  kind: GraphView;
  partner: boolean;
  linkMode?: LinkMode;
  communities?: number;
  /** Styling rules in force: each drawn with its colour or badge and how many it matched. */
  rules?: readonly StyleRule[];
  matches?: ReadonlyMap<string, number> | undefined;
  /** Drawn nodes with a screening mark (watch list / PEP); the key appears only when some are drawn. */
  screened?: number;
  /** The canvas keeps a fitted chart above the key (it is drawn over the canvas's bottom). */
  ref?: Ref<HTMLDivElement>;
}

export function Legend({ ref, kind, partner, linkMode = 'direction', communities = 0, rules = [], matches, screened = 0 }: LegendProps) {
  const { t, number } = useI18n();
  return (
    <div ref={ref} className="graph-legend" data-testid="graph-legend" aria-label={t('graph.legend')}>
      {KINDS_BY_VIEW[kind].map((nodeKind) => (
        <span key={nodeKind} className="legend-item">
          <img className="legend-icon" src={iconDataUri(nodeKind)} alt="" style={{ background: KIND_COLOURS[nodeKind] }} />
          {t(`graph.kind.${nodeKind}`)}
        </span>
      ))}
      <span className="legend-item">
        <span className="legend-ring" style={{ borderColor: ALERT_COLOUR }} />
        {t('graph.legend.alerted')}
      </span>
      <span className="legend-item">
        <span className="legend-line" style={{ background: EVIDENCE_COLOUR }} />
        {t('graph.legend.evidence')}
      </span>
      {screened > 0 && (
        <span className="legend-item" data-testid="legend-screened" data-count={screened}>
          <span className="legend-ring double" style={{ borderColor: WATCHLIST_COLOUR }} />
          <span className="legend-ring double" style={{ borderColor: PEP_COLOUR }} />
          {t('graph.legend.screened', { count: number(screened) })}
        </span>
      )}
      {kind === 'trade' && (
        <span className="legend-item">
          <span className="legend-line" style={{ background: THIRD_PARTY_COLOUR }} />
          {t('graph.legend.thirdParty')}
        </span>
      )}
      {partner && (
        <span className="legend-item">
          <span className="legend-line dashed" style={{ borderColor: PARTNER_COLOUR }} />
          {t('graph.legend.partner')}
        </span>
      )}
      <span className="legend-item" data-testid="legend-links" data-link-mode={linkMode}>
        <span className="legend-line" style={{ background: '#8792a6' }} />
        {t(`graph.legend.links.${linkMode}`)}
      </span>
      {communities > 0 && (
        <span className="legend-item" data-testid="legend-communities">
          {COMMUNITY_COLOURS.slice(0, Math.min(communities, 6)).map((colour) => (
            <span key={colour} className="community-swatch" style={{ background: colour }} />
          ))}
          {t('graph.legend.community')}
        </span>
      )}
      {rules
        .filter((rule) => rule.enabled)
        .map((rule) => (
          <span key={rule.id} className="legend-item" data-testid="legend-rule" data-rule-name={rule.name}>
            {rule.target === 'node' ? (
              <span className="legend-ring" style={{ background: rule.style.colour ?? 'transparent', borderColor: rule.style.border ?? rule.style.colour ?? '#888' }} />
            ) : (
              <span className="legend-line" style={{ background: rule.style.colour ?? '#8792a6' }} />
            )}
            {rule.style.badge && <span className="legend-badge">[{rule.style.badge}]</span>}
            {rule.name}
            {matches ? ` (${matches.get(rule.id) ?? 0})` : ''}
          </span>
        ))}
      <span className="legend-item muted">{t('graph.legend.width')}</span>
    </div>
  );
}
