import { useState } from 'react';
import { LINK_FIELDS, NODE_FIELDS, OPERATORS, parseStyleRules, type StyleRule } from '../../../shared/graph';
import type { StyleTemplateRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';

export interface StylingPanelProps {
  rules: readonly StyleRule[];
  matches: ReadonlyMap<string, number>;
  templates: StyleTemplateRow[];
  onRules(rules: StyleRule[]): void;
  onSaveTemplate(name: string): void;
  onApplyTemplate(template: StyleTemplateRow): void;
}

const SCALES = [1, 1.5, 2, 0.75];

/** Rule-based styling: criteria → fill, size, border, badge; saved with the case and as templates. */
export function StylingPanel({ rules, matches, templates, onRules, onSaveTemplate, onApplyTemplate }: StylingPanelProps) {
  const { t, number } = useI18n();
  const [name, setName] = useState('');
  const [target, setTarget] = useState<StyleRule['target']>('node');
  const [field, setField] = useState<string>('country');
  const [operator, setOperator] = useState<StyleRule['operator']>('in');
  const [value, setValue] = useState('');
  const [colour, setColour] = useState('#d62728');
  const [badge, setBadge] = useState('');
  const [scale, setScale] = useState(1);
  const [templateName, setTemplateName] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fields = target === 'node' ? NODE_FIELDS : LINK_FIELDS;

  const add = () => {
    const numeric = value.trim() !== '' && operator !== 'in' && operator !== 'contains' && Number.isFinite(Number(value));
    const rule: StyleRule = {
      id: `rule-${Date.now().toString(36)}-${rules.length}`,
      name: name.trim() || `${t(`graph.rules.field.${field}`)} ${operator} ${value}`.slice(0, 80),
      target,
      field,
      operator,
      value: numeric ? Number(value) : value.trim(),
      style: { colour, ...(badge.trim() ? { badge: badge.trim() } : {}), ...(scale !== 1 ? { scale } : {}) },
      enabled: true,
    };
    const checked = parseStyleRules([...rules, rule]);
    if (checked.error) {
      setError(checked.error);
      return;
    }
    setError(null);
    setName('');
    setValue('');
    onRules(checked.rules);
  };

  return (
    <section className="graph-styling" data-testid="styling-panel">
      <h3>{t('graph.rules')}</h3>
      {rules.length === 0 ? (
        <p className="muted small">{t('graph.rules.none')}</p>
      ) : (
        <ul className="rule-list small" data-testid="rule-list">
          {rules.map((rule) => (
            <li key={rule.id} data-testid="rule-row" data-rule-name={rule.name}>
              <input type="checkbox" checked={rule.enabled} aria-label={t('graph.rules.enabled')} onChange={(event) => onRules(rules.map((other) => (other.id === rule.id ? { ...other, enabled: event.target.checked } : other)))} />
              <span className="community-swatch" style={{ background: rule.style.colour ?? '#ffffff', borderColor: rule.style.border ?? '#888' }} />
              <strong>{rule.name}</strong>
              <span className="muted">
                {' '}
                {t(`graph.rules.field.${rule.field}`)} {rule.operator} {String(rule.value)}
                {rule.style.badge ? ` · [${rule.style.badge}]` : ''} · {t('graph.rules.matches', { count: number(matches.get(rule.id) ?? 0) })}
              </span>
              <button type="button" className="link-button" aria-label={t('graph.connect.remove')} onClick={() => onRules(rules.filter((other) => other.id !== rule.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="rule-form">
        <input data-testid="rule-name" placeholder={t('graph.rules.name')} aria-label={t('graph.rules.name')} value={name} onChange={(event) => setName(event.target.value)} />
        <select
          data-testid="rule-target"
          value={target}
          aria-label={t('graph.rules.target')}
          onChange={(event) => {
            const next = event.target.value === 'link' ? 'link' : 'node';
            setTarget(next);
            setField(next === 'node' ? 'country' : 'weightUsd');
          }}
        >
          <option value="node">{t('graph.rules.target.node')}</option>
          <option value="link">{t('graph.rules.target.link')}</option>
        </select>
        <select data-testid="rule-field" value={field} aria-label={t('graph.rules.field')} onChange={(event) => setField(event.target.value)}>
          {fields.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`graph.rules.field.${candidate}`)}
            </option>
          ))}
        </select>
        <select data-testid="rule-operator" value={operator} aria-label={t('graph.rules.operator')} onChange={(event) => setOperator(event.target.value as StyleRule['operator'])}>
          {OPERATORS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
        <input data-testid="rule-value" placeholder={t('graph.rules.value')} aria-label={t('graph.rules.value')} value={value} onChange={(event) => setValue(event.target.value)} />
        <input type="color" data-testid="rule-colour" value={colour} aria-label={t('graph.rules.colour')} onChange={(event) => setColour(event.target.value)} />
        <input data-testid="rule-badge" className="rule-badge" maxLength={6} placeholder={t('graph.rules.badge')} aria-label={t('graph.rules.badge')} value={badge} onChange={(event) => setBadge(event.target.value)} />
        <select data-testid="rule-scale" value={scale} aria-label={t('graph.rules.scale')} onChange={(event) => setScale(Number(event.target.value))}>
          {SCALES.map((candidate) => (
            <option key={candidate} value={candidate}>
              ×{candidate}
            </option>
          ))}
        </select>
        <button type="button" className="primary" data-testid="rule-add" onClick={add}>
          {t('graph.rules.add')}
        </button>
      </div>
      {error && (
        <p className="error small" data-testid="rule-error">
          {error}
        </p>
      )}
      <div className="path-field">
        <input data-testid="template-name" placeholder={t('graph.rules.templateName')} aria-label={t('graph.rules.templateName')} value={templateName} onChange={(event) => setTemplateName(event.target.value)} />
        <button type="button" data-testid="template-save" disabled={rules.length === 0} onClick={() => onSaveTemplate(templateName)}>
          {t('graph.rules.saveTemplate')}
        </button>
      </div>
      {templates.length > 0 && (
        <div className="path-field">
          <select data-testid="template-pick" value={templateId} aria-label={t('graph.rules.templates')} onChange={(event) => setTemplateId(event.target.value)}>
            <option value="">{t('graph.rules.templates')}</option>
            {templates.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="template-apply"
            disabled={!templateId}
            onClick={() => {
              const template = templates.find((candidate) => candidate.id === templateId);
              if (template) onApplyTemplate(template);
            }}
          >
            {t('graph.rules.applyTemplate')}
          </button>
        </div>
      )}
    </section>
  );
}
