import type { GraphView, LinkMode, NodeKind } from '../../../shared/graph';
import { ALERT_COLOUR, EVIDENCE_COLOUR, iconDataUri, KIND_COLOURS, PARTNER_COLOUR, THIRD_PARTY_COLOUR } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { COMMUNITY_COLOURS } from './CommunitiesPanel';

const KINDS_BY_VIEW: Record<GraphView, NodeKind[]> = {
  accounts: ['account'],
  parties: ['person', 'company', 'account'],
  trade: ['company', 'person', 'port', 'country', 'goods'],
};

/** The chart's key, drawn over the canvas (and therefore in every screenshot the analyst takes). */
export function Legend({ kind, partner, linkMode = 'direction', communities = 0 }: { kind: GraphView; partner: boolean; linkMode?: LinkMode; communities?: number }) {
  const { t } = useI18n();
  return (
    <div className="graph-legend" data-testid="graph-legend" aria-label={t('graph.legend')}>
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
      <span className="legend-item muted">{t('graph.legend.width')}</span>
    </div>
  );
}
