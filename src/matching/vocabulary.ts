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
  PUMP PUMPS INFUSION INFUSER SYRINGE VOLUMETRIC LARGE VOLUME
  VENTILATOR VENTILATORS VENTILATION RESPIRATOR ANESTHESIA ANAESTHESIA WORKSTATION DELIVERY
  DEFIBRILLATOR DEFIBRILLATORS AUTOMATED EXTERNAL
  ULTRASOUND DIAGNOSTIC IMAGING SCANNER SCANNERS XRAY RADIOGRAPHIC DETECTOR
  ANALYZER ANALYSER ANALYZERS AUTOMATED HEMATOLOGY CHEMISTRY COAGULATION
  STRETCHER STRETCHERS BED BEDS TABLE TABLES CHAIR LIGHT LIGHTS LIGHTING LAMP SURGICAL OPERATING
  GENERATOR CONSOLE CONTROLLER MODULE MODULES STATION CART CABINET DISPENSING
  STERILIZER STERILIZATION WASHER DISINFECTOR
  INCUBATOR WARMER INFANT NEONATAL
  MEDICAL HEALTHCARE HEALTH CLINICAL HOSPITAL USE
  DIGITAL ELECTRONIC ELECTRIC POWERED WIRELESS`.split(/\s+/),
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
