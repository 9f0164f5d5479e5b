import { defineMessages } from '../../shared/i18n';

/**
 * The application-wide strings. Each feature keeps its own catalogue next to
 * its code (features/<name>/messages.ts) and registers it in ./registry.ts,
 * so two features never edit the same file to add a label.
 */
export const appMessages = defineMessages({
  en: {
    'app.title': 'Caudal',
    'app.tagline': 'Follow the money — offline, for financial intelligence units',
    'app.language': 'Language',
    'app.offline': 'Offline: no data leaves this computer',
    'nav.cases': 'Cases',
    'nav.import': 'Import',
    'nav.entities': 'People and companies',
    'nav.graph': 'Chart',
    'nav.alerts': 'Alerts',
    'nav.share': 'Share',
    'nav.profiles': 'Unit profiles',
    'common.cancel': 'Cancel',
    'common.close': 'Close',
    'common.save': 'Save',
    'common.delete': 'Delete',
    'common.loading': 'Loading…',
    'common.error': 'Error',
    'common.noCase': 'Open or create a case first.',
  },
  es: {
    'app.title': 'Caudal',
    'app.tagline': 'Siga el dinero — sin conexión, para unidades de inteligencia financiera',
    'app.language': 'Idioma',
    'app.offline': 'Sin conexión: ningún dato sale de este equipo',
    'nav.cases': 'Casos',
    'nav.import': 'Importar',
    'nav.entities': 'Personas y empresas',
    'nav.graph': 'Gráfico',
    'nav.alerts': 'Alertas',
    'nav.share': 'Compartir',
    'nav.profiles': 'Perfiles de unidad',
    'common.cancel': 'Cancelar',
    'common.close': 'Cerrar',
    'common.save': 'Guardar',
    'common.delete': 'Eliminar',
    'common.loading': 'Cargando…',
    'common.error': 'Error',
    'common.noCase': 'Primero abra o cree un caso.',
  },
});
