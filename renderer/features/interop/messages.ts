import { defineMessages } from '../../../shared/i18n';

export const interopMessages = defineMessages({
  en: {
    'interop.links.title': 'Links ({count})',
    'interop.links.holder': '{party} holds account {target}',
    'interop.links.signatory': '{party} is a signatory of account {target}',
    'interop.links.director': '{party} is a director of {target}',
    'interop.links.role': 'as “{role}”',
    'interop.links.source': '{file}, line {line}, {path}',
    'interop.chart.title': 'Graph files and FtM (nodes, edges, attributes, positions)',
    'interop.chart.saved': 'Saved {name}.',
  },
  es: {
    'interop.links.title': 'Vínculos ({count})',
    'interop.links.holder': '{party} es titular de la cuenta {target}',
    'interop.links.signatory': '{party} es firmante de la cuenta {target}',
    'interop.links.director': '{party} es directivo de {target}',
    'interop.links.role': 'como «{role}»',
    'interop.links.source': '{file}, línea {line}, {path}',
    'interop.chart.title': 'Archivos de grafo y FtM (nodos, aristas, atributos, posiciones)',
    'interop.chart.saved': 'Guardado {name}.',
  },
});
