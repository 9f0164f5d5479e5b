import type { Rng } from './prng';
import type { PersonNameParts } from './ids';

/** Given names and surnames common in each country (flavour, not statistics). */
const MALE = ['Juan', 'Carlos', 'Luis', 'José', 'Andrés', 'Jorge', 'Diego', 'Miguel', 'Alejandro', 'Fernando', 'Camilo', 'Santiago', 'Sebastián', 'Julián', 'Jhon', 'Wilmer', 'Edwin', 'Óscar', 'Héctor', 'Ricardo', 'Mauricio', 'Francisco', 'Manuel', 'Rafael', 'Pedro', 'Álvaro', 'Hernán', 'Iván', 'Javier', 'Fabián', 'Ramón', 'Eduardo', 'Gustavo', 'Nelson', 'Freddy', 'Yeison', 'Brayan', 'Kevin', 'Elvin', 'Wilson'];
const FEMALE = ['María', 'Ana', 'Luisa', 'Carolina', 'Diana', 'Paola', 'Sandra', 'Claudia', 'Marcela', 'Natalia', 'Laura', 'Daniela', 'Valentina', 'Gabriela', 'Yuliana', 'Leidy', 'Patricia', 'Gloria', 'Martha', 'Rosa', 'Lucía', 'Isabel', 'Fernanda', 'Alejandra', 'Yesenia', 'Mónica', 'Adriana', 'Liliana', 'Ximena', 'Catalina', 'Andrea', 'Lorena', 'Esperanza', 'Yolanda', 'Karina', 'Johana', 'Dayana', 'Mileidy', 'Wendy', 'Yamilet'];
const COMPOUND_FEMALE = ['María José', 'María Fernanda', 'Ana María', 'Luz Marina', 'María Camila', 'Ana Lucía'];
const COMPOUND_MALE = ['Juan Carlos', 'Juan David', 'Luis Fernando', 'José Luis', 'Juan Pablo', 'Carlos Andrés', 'Jhon Jairo', 'Luis Alberto'];

const SURNAMES: Record<string, string[]> = {
  CO: ['Rodríguez', 'Gómez', 'González', 'Martínez', 'García', 'López', 'Hernández', 'Sánchez', 'Ramírez', 'Pérez', 'Díaz', 'Muñoz', 'Rojas', 'Moreno', 'Jiménez', 'Vargas', 'Castro', 'Ortiz', 'Restrepo', 'Londoño', 'Ospina', 'Cardona', 'Giraldo', 'Zuluaga', 'Arango', 'Quintero', 'Valencia', 'Bedoya', 'Osorio', 'Salazar', 'Mejía', 'Betancur', 'Cárdenas', 'Suárez', 'Herrera'],
  EC: ['Zambrano', 'Cedeño', 'Mendoza', 'Vera', 'Macías', 'Andrade', 'Chávez', 'Espinoza', 'Villacís', 'Guamán', 'Pazmiño', 'Salazar', 'Torres', 'Moreira', 'Intriago', 'Alcívar', 'Quishpe', 'Jaramillo', 'Ponce', 'León'],
  PA: ['Batista', 'De León', 'Castillo', 'Quintero', 'Samaniego', 'Barría', 'Pinzón', 'Arosemena', 'Vásquez', 'González', 'Rodríguez', 'Sánchez', 'Herrera', 'Ríos', 'Jaén', 'Moreno', 'Cedeño', 'Him', 'Chen', 'Araúz'],
  MX: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Castillo', 'Romero'],
  HN: ['Mejía', 'Flores', 'Reyes', 'Zelaya', 'Cruz', 'Aguilar', 'Funes', 'Maradiaga', 'Padilla', 'Martínez', 'López', 'Rodríguez', 'Hernández', 'Banegas', 'Castellanos', 'Murillo', 'Zúniga', 'Ordóñez', 'Velásquez', 'Rivera'],
  DO: ['Then', 'Peña', 'Guzmán', 'De los Santos', 'Tavárez', 'Almonte', 'Féliz', 'Polanco', 'Batista', 'Rosario', 'Pérez', 'Rodríguez', 'Martínez', 'Jiménez', 'Santana', 'Reyes', 'Núñez', 'Taveras', 'Cabrera', 'Mercedes'],
  US: ['Smith', 'Johnson', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Brown', 'Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Perez', 'Gonzalez', 'Rivera', 'Fernandez', 'Torres'],
};

const US_MALE = ['John', 'Michael', 'David', 'James', 'Robert', 'Daniel', 'Kevin', 'Brian', 'Luis', 'Carlos', 'Jose', 'Anthony'];
const US_FEMALE = ['Jennifer', 'Jessica', 'Sarah', 'Ashley', 'Emily', 'Maria', 'Michelle', 'Amanda', 'Stephanie', 'Laura', 'Karen', 'Daniela'];

export interface PersonName extends PersonNameParts {
  full: string;
  female: boolean;
}

export function personName(rng: Rng, country: string): PersonName {
  const female = rng.chance(0.5);
  const surnames = SURNAMES[country] ?? (SURNAMES.CO as string[]);
  if (country === 'US') {
    const given = rng.pick(female ? US_FEMALE : US_MALE);
    const surname1 = rng.pick(surnames);
    return { given, surname1, surname2: '', full: `${given} ${surname1}`, female };
  }
  const compound = rng.chance(0.25);
  let given = compound ? rng.pick(female ? COMPOUND_FEMALE : COMPOUND_MALE) : rng.pick(female ? FEMALE : MALE);
  if (!compound && rng.chance(0.3)) {
    const second = rng.pick(female ? FEMALE : MALE);
    if (second !== given) given = `${given} ${second}`;
  }
  const surname1 = rng.pick(surnames);
  const surname2 = rng.pick(surnames);
  return { given, surname1, surname2, full: `${given} ${surname1} ${surname2}`, female };
}

const WORDS = ['Andina', 'del Pacífico', 'Caribe', 'del Norte', 'Sol Naciente', 'Horizonte', 'Altamira', 'Los Andes', 'Santa Fe', 'del Valle', 'Cóndor', 'Esmeralda', 'El Dorado', 'Magdalena', 'Montecristo', 'La Sabana', 'Cordillera', 'Tropical', 'Continental', 'Atlántico', 'Central', 'Buenavista', 'Primavera', 'San Rafael', 'Guadalupe', 'La Ceiba', 'Las Palmas', 'Monteverde', 'Oriente', 'Ámbar'];
const TRADES = ['Comercializadora', 'Inversiones', 'Distribuidora', 'Importadora', 'Exportadora', 'Transportes', 'Construcciones', 'Agroindustrial', 'Servicios', 'Inmobiliaria', 'Grupo', 'Logística', 'Textiles', 'Alimentos', 'Ferretería', 'Tecnología', 'Consultores', 'Suministros'];
const SUFFIX: Record<string, string[]> = {
  CO: ['S.A.S.', 'S.A.S.', 'S.A.S.', 'S.A.', 'Ltda.'],
  EC: ['S.A.', 'Cía. Ltda.', 'S.A.'],
  PA: ['S.A.', 'Corp.', 'Inc.', 'S.A.'],
  MX: ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'],
  HN: ['S.A. de C.V.', 'S. de R.L.'],
  DO: ['S.R.L.', 'S.A.S.', 'S.R.L.'],
  US: ['LLC', 'Inc.', 'Corp.'],
  ES: ['S.L.', 'S.A.'],
};
const US_WORDS = ['Gulf', 'Atlantic', 'Sunshine', 'Biscayne', 'Coral', 'Bayside', 'Everglades', 'Lone Star', 'Pacific', 'Keystone'];
const US_TRADES = ['Trading', 'Logistics', 'Import Export', 'Holdings', 'Distributors', 'Supply', 'Electronics', 'Auto Parts', 'Foods', 'Capital'];
const CN_CITIES = ['Shenzhen', 'Guangzhou', 'Ningbo', 'Yiwu', 'Shanghai', 'Xiamen', 'Dongguan'];
const CN_WORDS = ['Hongda', 'Jinhua', 'Xinda', 'Huaxin', 'Tianli', 'Fuhai', 'Longteng', 'Meida', 'Zhongxing', 'Baoli'];
const CN_TRADES = ['Electronics', 'Textile', 'Import & Export', 'Industrial', 'Trading', 'Machinery', 'Technology'];

export function companyName(rng: Rng, country: string): string {
  if (country === 'US') return `${rng.pick(US_WORDS)} ${rng.pick(US_TRADES)} ${rng.pick(SUFFIX.US as string[])}`;
  if (country === 'CN' || country === 'HK') {
    const city = country === 'HK' ? 'Hong Kong' : rng.pick(CN_CITIES);
    return `${city} ${rng.pick(CN_WORDS)} ${rng.pick(CN_TRADES)} Co., Ltd.`;
  }
  const suffix = rng.pick(SUFFIX[country] ?? (SUFFIX.CO as string[]));
  const surnames = SURNAMES[country] ?? (SURNAMES.CO as string[]);
  const style = rng.int(0, 3);
  if (style === 0) return `${rng.pick(TRADES)} ${rng.pick(WORDS)} ${suffix}`;
  if (style === 1) return `${rng.pick(surnames)} & ${rng.pick(surnames)} ${suffix}`;
  if (style === 2) return `${rng.pick(TRADES)} ${rng.pick(surnames)} ${suffix}`;
  return `${rng.pick(WORDS)} ${rng.pick(['Group', 'Trading', 'Import', 'Holding', 'Partners'])} ${suffix}`;
}

/** Utilities and lenders have names everybody recognises as such. */
export function utilityName(rng: Rng, country: string): string {
  const service = rng.pick(['Empresa de Energía', 'Aguas', 'Gas Natural', 'Telecomunicaciones', 'Acueducto y Alcantarillado']);
  const suffix = country === 'CO' ? 'S.A. E.S.P.' : rng.pick(SUFFIX[country] ?? ['S.A.']);
  return `${service} ${rng.pick(WORDS)} ${suffix}`;
}

export function lenderName(rng: Rng, country: string): string {
  const kind = rng.pick(['Financiera', 'Cooperativa de Ahorro y Crédito', 'Crédito Fácil', 'Leasing']);
  const suffix = country === 'US' ? 'LLC' : rng.pick(SUFFIX[country] ?? ['S.A.']);
  return `${kind} ${rng.pick(WORDS)} ${suffix}`;
}
