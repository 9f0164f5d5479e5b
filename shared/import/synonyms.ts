import type { RecordKind } from '../model/records';
import { parseIdType } from './values';

/**
 * Header wordings seen in Latin American bank, customs and FIU exports, in
 * Spanish, English and Portuguese. Matching folds accents, case and
 * punctuation and drops connecting words (see normalize.ts), so "Nro.
 * Operación" matches "nro operacion". Pseudo-fields starting with `_` are
 * columns that combine into a record field (time joins the date; first and
 * last names join into the name).
 */
export const HEADER_SYNONYMS: Record<RecordKind, Record<string, readonly string[]>> = {
  transaction: {
    id: [
      'id', 'id transaccion', 'id transaction', 'transaction id', 'transaccion id', 'txn id', 'referencia', 'ref', 'reference',
      'nro operacion', 'no operacion', 'n operacion', 'num operacion', 'numero operacion', 'numero transaccion', 'nro transaccion',
      'codigo operacion', 'id operacion', 'operacion', 'consecutivo', 'numero referencia', 'transaction', 'transaction number',
      'id transacao', 'numero transacao', 'codigo transacao', 'transacao', 'id movimiento', 'numero comprobante', 'comprobante',
      // Core-banking and simulator exports in English abbreviations (tran_id, tx_id).
      'tran id', 'tx id', 'trans id', 'transaction ref',
    ],
    timestamp: [
      'fecha', 'fecha operacion', 'fecha transaccion', 'fecha hora', 'fecha y hora', 'date', 'datetime', 'timestamp', 'date time',
      'transaction date', 'data', 'data operacao', 'data transacao', 'data hora', 'fecha movimiento', 'fecha valor', 'fecha transaccion hora',
      'tran timestamp', 'tx timestamp', 'transaction timestamp', 'tran date', 'tx date', 'value date',
    ],
    _time: ['hora', 'time', 'hora operacion', 'hora transaccion', 'transaction time', 'hora movimiento'],
    amount: [
      'monto', 'valor', 'importe', 'amount', 'valor operacion', 'monto operacion', 'valor transaccion', 'monto transaccion',
      'valor total', 'total', 'cuantia', 'suma', 'transaction amount', 'valor transacao', 'montante', 'quantia', 'amount usd', 'valor cop',
      'base amt', 'base amount', 'amt', 'tx amount', 'tran amt', 'tran amount',
    ],
    currency: ['moneda', 'divisa', 'currency', 'moeda', 'tipo moneda', 'cod moneda', 'codigo moneda', 'currency code', 'ccy'],
    fromAccount: [
      'cuenta origen', 'cuenta ordenante', 'from account', 'from', 'cuenta debito', 'cuenta remitente', 'cuenta de origen',
      'numero cuenta origen', 'nro cuenta origen', 'conta origem', 'origin account', 'source account', 'debit account',
      'cuenta emisora', 'producto origen', 'cuenta cliente', 'account from', 'sender account', 'cuenta pagador',
      'orig acct', 'orig account', 'originator account', 'sender acct', 'from acct', 'src acct',
    ],
    toAccount: [
      'cuenta destino', 'cuenta beneficiario', 'to account', 'to', 'cuenta credito', 'cuenta receptora', 'cuenta de destino',
      'numero cuenta destino', 'nro cuenta destino', 'conta destino', 'destination account', 'beneficiary account', 'credit account',
      'producto destino', 'account to', 'receiver account', 'cuenta contraparte', 'conta beneficiario',
      'bene acct', 'bene account', 'beneficiary acct', 'receiver acct', 'to acct', 'dest acct', 'dst acct',
    ],
    fromPartyName: [
      'ordenante', 'remitente', 'originator', 'nombre ordenante', 'nombre remitente', 'nombre originador', 'originador',
      'sender', 'sender name', 'originator name', 'pagador', 'nombre pagador', 'titular origen', 'nombre titular origen',
      'remetente', 'nome remetente', 'nome ordenante', 'cliente', 'nombre cliente', 'from name', 'from party',
    ],
    fromPartyId: [
      'id ordenante', 'nit ordenante', 'cedula ordenante', 'documento ordenante', 'identificacion ordenante', 'ruc ordenante',
      'curp ordenante', 'rfc ordenante', 'rnc ordenante', 'nro documento ordenante', 'numero documento ordenante', 'id remitente',
      'documento remitente', 'nit remitente', 'cedula remitente', 'identificacion remitente', 'originator id', 'sender id',
      'id originador', 'documento originador', 'cpf remetente', 'cnpj remetente', 'documento remetente', 'from party id',
      'id cliente', 'documento cliente', 'nit cliente', 'identificacion cliente', 'nit', 'cedula', 'ruc', 'curp', 'rfc', 'rnc',
    ],
    toPartyName: [
      'beneficiario', 'beneficiary', 'destinatario', 'nombre beneficiario', 'nombre destinatario', 'beneficiary name',
      'receiver', 'receiver name', 'titular destino', 'nombre titular destino', 'nome beneficiario', 'nome destinatario',
      'contraparte', 'nombre contraparte', 'to name', 'to party', 'recipient', 'recipient name', 'favorecido',
    ],
    toPartyId: [
      'id beneficiario', 'nit beneficiario', 'cedula beneficiario', 'documento beneficiario', 'identificacion beneficiario',
      'ruc beneficiario', 'curp beneficiario', 'rfc beneficiario', 'rnc beneficiario', 'nro documento beneficiario',
      'numero documento beneficiario', 'id destinatario', 'documento destinatario', 'nit destinatario', 'beneficiary id',
      'receiver id', 'recipient id', 'cpf beneficiario', 'cnpj beneficiario', 'to party id', 'id contraparte',
      'documento contraparte', 'nit contraparte',
    ],
    channel: [
      'canal', 'tipo', 'tipo operacion', 'transmode', 'trans mode', 'channel', 'medio', 'medio pago', 'instrumento',
      'tipo transaccion', 'modalidad', 'transaction type', 'type', 'tipo transacao', 'forma pagamento', 'meio', 'transmode code',
      'tx type', 'tran type', 'trans type',
    ],
    description: ['descripcion', 'concepto', 'detalle', 'description', 'memo', 'observaciones', 'glosa', 'descricao', 'motivo', 'narrative', 'referencia pago'],
    fromBank: ['banco origen', 'banco ordenante', 'entidad origen', 'from bank', 'origin bank', 'banco remitente', 'banco origem', 'sender bank', 'institucion origen', 'bic origen', 'swift origen'],
    toBank: ['banco destino', 'banco beneficiario', 'entidad destino', 'to bank', 'destination bank', 'beneficiary bank', 'banco destinatario', 'receiver bank', 'institucion destino', 'bic destino', 'swift destino'],
    fromCountry: ['pais origen', 'pais ordenante', 'from country', 'origin country', 'country from', 'pais remitente', 'sender country', 'pais de origen'],
    toCountry: ['pais destino', 'pais beneficiario', 'to country', 'destination country', 'country to', 'pais destinatario', 'beneficiary country', 'receiver country'],
  },
  party: {
    idNumber: [
      'id', 'numero documento', 'nro documento', 'no documento', 'documento', 'identificacion', 'numero identificacion', 'nit', 'cedula',
      'ruc', 'curp', 'rfc', 'rnc', 'dni', 'rtn', 'cpf', 'cnpj', 'cpf cnpj', 'id number', 'document number', 'tax id', 'national id',
      'nit cedula', 'documento identidad', 'numero documento identidad', 'cc nit', 'identification', 'id cliente', 'numero id',
    ],
    idType: ['tipo documento', 'tipo id', 'tipo identificacion', 'id type', 'document type', 'tipo doc', 'tipo documento identidad', 'tipo de documento'],
    name: [
      'nombre', 'razon social', 'nombre completo', 'nombre razon social', 'name', 'full name', 'nome', 'nome completo', 'cliente',
      'nombre cliente', 'titular', 'denominacion', 'party name', 'razao social', 'nombre o razon social',
    ],
    _firstName: ['nombres', 'primer nombre', 'first name', 'given name', 'given names', 'primeiro nome', 'nombre pila'],
    _lastName: ['apellidos', 'apellido', 'primer apellido', 'last name', 'surname', 'family name', 'sobrenome', 'apelidos'],
    kind: ['tipo persona', 'persona', 'kind', 'party type', 'tipo cliente', 'naturaleza', 'tipo pessoa', 'clase persona', 'tipo'],
    nationality: ['nacionalidad', 'nationality', 'pais', 'country', 'nacionalidade', 'pais nacionalidad', 'pais residencia', 'residence country'],
    birthDate: ['fecha nacimiento', 'birth date', 'date birth', 'fecha de nacimiento', 'data nascimento', 'nacimiento', 'dob', 'fecha constitucion'],
    pep: ['pep', 'es pep', 'persona expuesta politicamente', 'politically exposed person', 'expuesto politicamente', 'pessoa exposta politicamente', 'pep s n'],
  },
  account: {
    id: [
      'cuenta', 'numero cuenta', 'nro cuenta', 'no cuenta', 'account', 'account number', 'account no', 'conta', 'numero conta',
      'id cuenta', 'producto', 'numero producto', 'account id', 'cuenta bancaria', 'clabe', 'id',
      // Core-banking and simulator exports in English abbreviations (acct_id).
      'acct id', 'acct no', 'acct number', 'acct',
    ],
    iban: ['iban', 'codigo iban'],
    institution: ['banco', 'entidad', 'institucion', 'entidad financiera', 'institution', 'bank', 'bank name', 'nombre banco', 'institucion financiera', 'instituicao', 'banco nome', 'bank id'],
    currency: ['moneda', 'divisa', 'currency', 'moeda', 'moneda cuenta', 'reporting currency', 'acct rptng crncy', 'acct currency', 'ccy'],
    holderId: [
      'nit titular', 'documento titular', 'id titular', 'cedula titular', 'identificacion titular', 'holder id', 'owner id',
      'numero documento titular', 'nro documento titular', 'cpf titular', 'ruc titular', 'rfc titular', 'rnc titular', 'nit', 'cedula',
      'documento', 'identificacion', 'numero documento', 'id cliente',
    ],
    holderName: ['titular', 'nombre titular', 'holder', 'account holder', 'holder name', 'owner', 'cliente', 'nombre cliente', 'nome titular', 'nombre', 'razon social', 'display name', 'dsply nm'],
    country: ['pais', 'country', 'pais cuenta', 'account country'],
    opened: ['fecha apertura', 'apertura', 'opened', 'open date', 'opening date', 'data abertura', 'fecha de apertura'],
    closed: ['fecha cierre', 'fecha cancelacion', 'cierre', 'closed', 'close date', 'closing date', 'data encerramento', 'fecha de cierre'],
  },
  shipment: {
    id: [
      'declaracion', 'numero declaracion', 'nro declaracion', 'no declaracion', 'id', 'declaration', 'declaration number', 'dua',
      'dex', 'dim', 'pedimento', 'numero pedimento', 'declaracao', 'numero declaracao', 'di', 'due', 'id envio', 'shipment id',
      'bl', 'bill lading', 'formulario', 'numero formulario', 'manifiesto',
    ],
    date: ['fecha', 'fecha declaracion', 'fecha embarque', 'fecha despacho', 'fecha levante', 'date', 'declaration date', 'data', 'data embarque', 'shipment date', 'fecha aceptacion'],
    exporter: ['exportador', 'exporter', 'nombre exportador', 'razon social exportador', 'shipper', 'remitente', 'vendedor', 'seller', 'exporter name', 'nome exportador'],
    exporterId: ['nit exportador', 'id exportador', 'ruc exportador', 'rfc exportador', 'rnc exportador', 'documento exportador', 'exporter id', 'cnpj exportador', 'identificacion exportador'],
    importer: ['importador', 'importer', 'nombre importador', 'razon social importador', 'consignatario', 'consignee', 'comprador', 'buyer', 'importer name', 'nome importador'],
    importerId: ['nit importador', 'id importador', 'ruc importador', 'rfc importador', 'rnc importador', 'documento importador', 'importer id', 'cnpj importador', 'identificacion importador'],
    originCountry: ['pais origen', 'country origin', 'origin country', 'pais procedencia', 'pais exportacion', 'pais de origen', 'origem', 'pais origem', 'pais embarque', 'origin'],
    originPort: ['puerto origen', 'puerto embarque', 'port loading', 'origin port', 'puerto de embarque', 'porto origem', 'porto embarque', 'pol', 'lugar embarque'],
    destinationCountry: ['pais destino', 'destination country', 'country destination', 'pais de destino', 'pais destino final', 'pais importacion', 'destino', 'pais destino mercancia', 'destination'],
    destinationPort: ['puerto destino', 'puerto descargue', 'puerto desembarque', 'port discharge', 'destination port', 'porto destino', 'pod', 'lugar desembarque', 'aduana destino'],
    hsCode: [
      'partida arancelaria', 'subpartida arancelaria', 'subpartida', 'partida', 'codigo hs', 'hs code', 'hs', 'ncm', 'codigo ncm',
      'fraccion arancelaria', 'fraccion', 'posicion arancelaria', 'tariff code', 'commodity code', 'codigo arancelario', 'sa', 'codigo sa',
    ],
    goods: ['descripcion mercancia', 'mercancia', 'descripcion', 'goods', 'description', 'mercadoria', 'descricao mercadoria', 'producto', 'goods description', 'descripcion producto'],
    quantity: ['cantidad', 'quantity', 'quantidade', 'cantidad unidades', 'qty', 'unidades comerciales', 'cantidad comercial'],
    unit: ['unidad', 'unidad medida', 'unit', 'unidade', 'unidad comercial', 'uom', 'unit measure', 'unidade medida'],
    declaredValue: [
      'valor declarado', 'valor fob', 'valor cif', 'declared value', 'fob value', 'cif value', 'valor aduana', 'valor', 'value',
      'valor fob usd', 'valor cif usd', 'valor mercancia', 'valor factura', 'invoice value', 'valor aduaneiro', 'fob', 'cif',
    ],
    currency: ['moneda', 'divisa', 'currency', 'moeda', 'moneda factura', 'moneda transaccion'],
  },
};

/** Header words that name an ID type, so a column headed "NIT" also fixes idType; each read as a cell's value would be (parseIdType). */
export const ID_TYPE_HEADER_WORDS: Record<string, string> = Object.fromEntries(['nit', 'cc', 'ruc', 'curp', 'rfc', 'rnc', 'dni', 'rtn'].map((word) => [word, parseIdType(word)]));
