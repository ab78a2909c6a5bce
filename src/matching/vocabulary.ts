/**
 * Words that say what kind of device something is, or are filler, and so cannot tell one model
 * from another: "Alaris PC Unit" is identified by ALARIS and PC, not UNIT. Kept to device types
 * and labelling words that recur across every maker, so it holds for inventories never seen.
 */
export const genericWords = new Set(
  `A AN AND THE OF FOR WITH WITHOUT IN ON TO BY OR AS ALL NEW
  MODEL MODELS MDL MOD NO NOS NUMBER NUMBERS NUM TYPE SERIES VERSION VER REV REF CAT CATALOG PART PN SN
  SYSTEM SYSTEMS UNIT UNITS DEVICE DEVICES EQUIPMENT MACHINE INSTRUMENT ASSEMBLY KIT SET
  MONITOR MONITORS MONITORING PATIENT BEDSIDE VITAL SIGNS SIGN TRANSPORT PORTABLE HANDHELD MOBILE
  PUMP PUMPS INFUSION INFUSER SYRINGE VOLUMETRIC LARGE VOLUME INTRAVENOUS
  VENTILATOR VENTILATORS VENTILATION RESPIRATOR ANESTHESIA ANAESTHESIA WORKSTATION DELIVERY
  DEFIBRILLATOR DEFIBRILLATORS AUTOMATED EXTERNAL
  ULTRASOUND DIAGNOSTIC IMAGING SCANNER SCANNERS XRAY RADIOGRAPHIC DETECTOR
  ANALYZER ANALYSER ANALYZERS AUTOMATED HEMATOLOGY CHEMISTRY COAGULATION
  STRETCHER STRETCHERS BED BEDS TABLE TABLES CHAIR LIGHT LIGHTS LIGHTING LAMP SURGICAL OPERATING
  GENERATOR CONSOLE CONTROLLER MODULE MODULES STATION CART CABINET DISPENSING
  STERILIZER STERILIZATION WASHER DISINFECTOR
  INCUBATOR WARMER INFANT NEONATAL
  MEDICAL HEALTHCARE HEALTH CLINICAL HOSPITAL USE
  DIGITAL ELECTRONIC ELECTRIC POWERED WIRELESS
  STERILE NONSTERILE DISPOSABLE REUSABLE SINGLE
  CATHETER CATHETERS BALLOON NEEDLE NEEDLES STENT SHEATH CANNULA TUBE TUBING GUIDEWIRE SUTURE
  SCREW SCREWS PLATE PLATES DRILL BIT PIN PINS ROD RODS IMPLANT IMPLANTS MESH STAPLER FORCEPS SCISSORS
  ELECTRODE ELECTRODES SENSOR SENSORS PROBE PROBES TRANSDUCER CABLE CABLES LEADWIRE LEADWIRES
  BATTERY BATTERIES CHARGER ADAPTER CONNECTOR FILTER MASK CIRCUIT
  LOCKING CURVED STRAIGHT ANGLED BIPOLAR MONOPOLAR`.split(/\s+/),
);

/**
 * Words that, written right after a model, make it another model: the HT70 is not the HT70 Plus,
 * the ACUSON NX3 is not the NX3 Elite, the HeartStart XL is not the XL+.
 */
export const variantWords = new Set(
  `PLUS PRO ELITE PREMIUM ADVANCE ADVANCED LITE LIGHT MAX MINI MICRO JUNIOR JR
  XL XLT XT XP LT LX SE SL EX ES EVO NEO TOUCH II III IV S C E X`.split(/\s+/),
);

/** Words that introduce a model or catalog number in recall text. */
export const numberLabels = new Set(
  'MODEL MODELS MDL NO NOS NUMBER NUMBERS CATALOG CAT REF PART PN LIST ITEM ARTICLE'.split(' '),
);

/** Words after which a model number is named to say it is NOT affected. */
export const exclusionWords = new Set(
  'EXCEPT EXCEPTING EXCLUDING EXCLUDED EXCLUDES EXCLUSION UNAFFECTED'.split(' '),
);

/**
 * Words that name a configuration of a model rather than another model: a recall of the Servo-i
 * is a recall of the Servo-i Universal, of the R Series ALS, of the Voluson E8 Expert.
 */
export const configurationWords = new Set(
  'UNIVERSAL ALS BLS ADULT INFANT PEDIATRIC PAEDIATRIC NEONATAL EXPERT STANDARD BASIC'.split(' '),
);

/** Labels that say the number after them is a model number, not a part or a lot. */
export const modelLabels = new Set('MODEL MODELS MDL'.split(' '));

/**
 * The abbreviations CMMS exports use for the generic words of a device's name, read as the words
 * they stand for: "PYXIS ANES SYS 3500" is the Pyxis Anesthesia System 3500. Only abbreviations of
 * kind-of-device and filler words: a model's own letters are never expanded.
 */
export const cmmsAbbreviations: ReadonlyMap<string, string[]> = new Map(
  Object.entries({
    SYS: ['SYSTEM'],
    SYST: ['SYSTEM'],
    MGMT: ['MANAGEMENT'],
    MGT: ['MANAGEMENT'],
    TEMP: ['TEMPERATURE'],
    MON: ['MONITOR'],
    MNTR: ['MONITOR'],
    ANES: ['ANESTHESIA'],
    ANESTH: ['ANESTHESIA'],
    PT: ['PATIENT'],
    VS: ['VITAL', 'SIGNS'],
    INF: ['INFUSION'],
    GEN: ['GENERATOR'],
    GENR: ['GENERATOR'],
    ANLZR: ['ANALYZER'],
    ANALYZ: ['ANALYZER'],
    MOD: ['MODULE'],
    US: ['ULTRASOUND'],
    ULTRASND: ['ULTRASOUND'],
    STERIL: ['STERILIZER'],
    DEFIB: ['DEFIBRILLATOR'],
    VENT: ['VENTILATOR'],
    RESP: ['RESPIRATORY'],
    ELECTROSURG: ['ELECTROSURGICAL'],
    ESU: ['ELECTROSURGICAL', 'UNIT'],
    IABP: ['INTRA', 'AORTIC', 'BALLOON', 'PUMP'],
    WD: ['WASHER', 'DISINFECTOR'],
    CTRL: ['CONTROL'],
    CNTRL: ['CONTROL'],
    ASSY: ['ASSEMBLY'],
    EQUIP: ['EQUIPMENT'],
    INSTR: ['INSTRUMENT'],
    DIAG: ['DIAGNOSTIC'],
    STN: ['STATION'],
    WKSTN: ['WORKSTATION'],
    HEMO: ['HEMODIALYSIS'],
    SURG: ['SURGICAL'],
    EXAM: ['EXAMINATION'],
    PED: ['PEDIATRIC'],
    W: ['WITH'],
    XRAY: ['X', 'RAY'],
    AED: ['AUTOMATED', 'EXTERNAL', 'DEFIBRILLATOR'],
    IV: ['INTRAVENOUS'],
    UNT: ['UNIT'],
  }),
);

/** Numbers as Roman numerals and as words, 1 to 20, for the names that carry one. */
const romans = 'I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX'.split(' ');
const numberWords =
  'ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN SEVENTEEN EIGHTEEN NINETEEN TWENTY'.split(
    ' ',
  );

/** The digits a Roman numeral or number word stands for ("VII" → "7", "TWO" → "2"), or null. */
export function numeralValue(token: string): string | null {
  const roman = romans.indexOf(token);
  if (roman >= 0) return String(roman + 1);
  const word = numberWords.indexOf(token);
  return word >= 0 ? String(word + 1) : null;
}

/** The three ways of writing a number from 1 to 20: digits, Roman numeral, word. */
export function numeralForms(digits: string): string[] {
  const n = Number(digits);
  if (!/^\d{1,2}$/.test(digits) || n < 1 || n > 20) return [digits];
  return [String(n), romans[n - 1]!, numberWords[n - 1]!];
}
