/**
 * The labels of the trainer guide in the languages of the player's interface strings
 * (`themes/default/strings/`): the guide of a course is labelled in the course's language, with
 * English for any other language. The translations are drafts, like the courses' own, until a
 * native-speaking trainer has reviewed them.
 */

/** Every text of the guide that is not the course's own. */
export interface GuideLabels {
  readonly guide: string
  readonly contents: string
  readonly outcomes: string
  readonly plan: string
  readonly answers: string
  readonly glossary: string
  readonly module: string
  readonly version: string
  readonly language: string
  readonly passMark: string
  readonly authors: string
  readonly license: string
  readonly classroomTime: string
  readonly minutes: string
  readonly duration: string
  readonly teaches: string
  readonly taughtIn: string
  readonly assessedBy: string
  readonly trainerNote: string
  readonly activity: string
  readonly reflection: string
  readonly noTrainerMaterial: string
  readonly question: string
  /** Shown as `Points: 2`. */
  readonly points: string
  readonly outcome: string
  readonly answer: string
  readonly correct: string
  readonly explanation: string
  readonly acceptedAnswers: string
  readonly tolerance: string
  readonly trueLabel: string
  readonly falseLabel: string
  readonly scenario: string
  readonly step: string
  readonly choices: string
  readonly ending: string
  readonly bestPath: string
  readonly good: string
  readonly partial: string
  readonly poor: string
  readonly notScored: string
  readonly media: string
  readonly draftTranslation: string
  readonly noAssessments: string
  readonly noGlossary: string
}

/** English: the default labels. */
export const guideLabels: GuideLabels = {
  guide: 'Trainer guide',
  contents: 'Contents',
  outcomes: 'Learning outcomes',
  plan: 'Session plan',
  answers: 'Answer key',
  glossary: 'Glossary',
  module: 'Module',
  version: 'Version',
  language: 'Language',
  passMark: 'Pass mark',
  authors: 'Authors',
  license: 'Licence',
  classroomTime: 'Classroom activities',
  minutes: 'min',
  duration: 'Duration',
  teaches: 'Outcomes',
  taughtIn: 'Taught in',
  assessedBy: 'Assessed by',
  trainerNote: 'Trainer note',
  activity: 'Activity',
  reflection: 'Reflection',
  noTrainerMaterial: 'No trainer notes or activities on this page.',
  question: 'Question',
  points: 'Points',
  outcome: 'Outcome',
  answer: 'Answer',
  correct: 'correct',
  explanation: 'Explanation',
  acceptedAnswers: 'Accepted answers',
  tolerance: 'tolerance',
  trueLabel: 'True',
  falseLabel: 'False',
  scenario: 'Scenario',
  step: 'Step',
  choices: 'Choices',
  ending: 'Ending',
  bestPath: 'Best path',
  good: 'good',
  partial: 'partial',
  poor: 'poor',
  notScored: 'not scored',
  media: 'Media',
  draftTranslation: 'Draft translation: not yet reviewed by a native-speaking trainer.',
  noAssessments: 'This course has no questions or scored scenarios.',
  noGlossary: 'This course defines no glossary terms.'
}

/** German. */
const de: GuideLabels = {
  guide: 'Trainerhandbuch',
  contents: 'Inhalt',
  outcomes: 'Lernergebnisse',
  plan: 'Ablaufplan',
  answers: 'Lösungen',
  glossary: 'Glossar',
  module: 'Modul',
  version: 'Version',
  language: 'Sprache',
  passMark: 'Bestehensgrenze',
  authors: 'Autorinnen und Autoren',
  license: 'Lizenz',
  classroomTime: 'Präsenzaktivitäten',
  minutes: 'Min.',
  duration: 'Dauer',
  teaches: 'Lernergebnisse',
  taughtIn: 'Vermittelt in',
  assessedBy: 'Geprüft durch',
  trainerNote: 'Hinweis für Trainer',
  activity: 'Aktivität',
  reflection: 'Reflexion',
  noTrainerMaterial: 'Keine Trainerhinweise oder Aktivitäten auf dieser Seite.',
  question: 'Frage',
  points: 'Punkte',
  outcome: 'Lernergebnis',
  answer: 'Antwort',
  correct: 'richtig',
  explanation: 'Erklärung',
  acceptedAnswers: 'Akzeptierte Antworten',
  tolerance: 'Toleranz',
  trueLabel: 'Richtig',
  falseLabel: 'Falsch',
  scenario: 'Fallbeispiel',
  step: 'Schritt',
  choices: 'Auswahlmöglichkeiten',
  ending: 'Ausgang',
  bestPath: 'Bester Weg',
  good: 'gut',
  partial: 'teilweise',
  poor: 'schlecht',
  notScored: 'nicht bewertet',
  media: 'Medien',
  draftTranslation: 'Übersetzungsentwurf: noch nicht von einer Trainerin oder einem Trainer mit Deutsch als Muttersprache geprüft.',
  noAssessments: 'Dieser Kurs hat keine Fragen und keine bewerteten Fallbeispiele.',
  noGlossary: 'Dieser Kurs definiert keine Glossarbegriffe.'
}

/** Slovenian. */
const sl: GuideLabels = {
  guide: 'Priročnik za izvajalce',
  contents: 'Vsebina',
  outcomes: 'Učni izidi',
  plan: 'Načrt izvedbe',
  answers: 'Rešitve',
  glossary: 'Slovarček',
  module: 'Modul',
  version: 'Različica',
  language: 'Jezik',
  passMark: 'Prag uspešnosti',
  authors: 'Avtorji',
  license: 'Licenca',
  classroomTime: 'Dejavnosti v učilnici',
  minutes: 'min',
  duration: 'Trajanje',
  teaches: 'Učni izidi',
  taughtIn: 'Obravnavano v',
  assessedBy: 'Preverjeno z',
  trainerNote: 'Opomba za izvajalca',
  activity: 'Dejavnost',
  reflection: 'Razmislek',
  noTrainerMaterial: 'Na tej strani ni opomb za izvajalca ali dejavnosti.',
  question: 'Vprašanje',
  points: 'Točke',
  outcome: 'Učni izid',
  answer: 'Odgovor',
  correct: 'pravilno',
  explanation: 'Pojasnilo',
  acceptedAnswers: 'Sprejeti odgovori',
  tolerance: 'dovoljeno odstopanje',
  trueLabel: 'Drži',
  falseLabel: 'Ne drži',
  scenario: 'Scenarij',
  step: 'Korak',
  choices: 'Izbire',
  ending: 'Izid',
  bestPath: 'Najboljša pot',
  good: 'dobro',
  partial: 'deloma',
  poor: 'slabo',
  notScored: 'ni točkovano',
  media: 'Mediji',
  draftTranslation: 'Osnutek prevoda: pregledal ga še ni izvajalec, ki mu je slovenščina materni jezik.',
  noAssessments: 'Ta tečaj nima vprašanj ali točkovanih scenarijev.',
  noGlossary: 'Ta tečaj ne opredeljuje izrazov v slovarčku.'
}

/** Czech. */
const cs: GuideLabels = {
  guide: 'Příručka pro lektory',
  contents: 'Obsah',
  outcomes: 'Výsledky učení',
  plan: 'Plán lekcí',
  answers: 'Klíč správných odpovědí',
  glossary: 'Slovníček',
  module: 'Modul',
  version: 'Verze',
  language: 'Jazyk',
  passMark: 'Hranice úspěšnosti',
  authors: 'Autoři',
  license: 'Licence',
  classroomTime: 'Aktivity ve skupině',
  minutes: 'min',
  duration: 'Délka',
  teaches: 'Výsledky učení',
  taughtIn: 'Probíráno v',
  assessedBy: 'Ověřeno',
  trainerNote: 'Poznámka pro lektora',
  activity: 'Aktivita',
  reflection: 'Reflexe',
  noTrainerMaterial: 'Na této stránce nejsou poznámky pro lektora ani aktivity.',
  question: 'Otázka',
  points: 'Body',
  outcome: 'Výsledek učení',
  answer: 'Odpověď',
  correct: 'správně',
  explanation: 'Vysvětlení',
  acceptedAnswers: 'Přijímané odpovědi',
  tolerance: 'tolerance',
  trueLabel: 'Pravda',
  falseLabel: 'Nepravda',
  scenario: 'Modelová situace',
  step: 'Krok',
  choices: 'Možnosti',
  ending: 'Závěr',
  bestPath: 'Nejlepší cesta',
  good: 'dobrý',
  partial: 'částečný',
  poor: 'špatný',
  notScored: 'nehodnoceno',
  media: 'Média',
  draftTranslation: 'Pracovní verze překladu: zatím ji nezkontroloval lektor, jehož rodným jazykem je čeština.',
  noAssessments: 'Tento kurz nemá žádné otázky ani hodnocené modelové situace.',
  noGlossary: 'Tento kurz nedefinuje žádné pojmy slovníčku.'
}

/** Croatian. */
const hr: GuideLabels = {
  guide: 'Priručnik za voditelje',
  contents: 'Sadržaj',
  outcomes: 'Ishodi učenja',
  plan: 'Plan provedbe',
  answers: 'Rješenja',
  glossary: 'Pojmovnik',
  module: 'Modul',
  version: 'Verzija',
  language: 'Jezik',
  passMark: 'Prag prolaznosti',
  authors: 'Autori',
  license: 'Licencija',
  classroomTime: 'Aktivnosti u učionici',
  minutes: 'min',
  duration: 'Trajanje',
  teaches: 'Ishodi učenja',
  taughtIn: 'Obrađuje se u',
  assessedBy: 'Provjerava se',
  trainerNote: 'Bilješka za voditelja',
  activity: 'Aktivnost',
  reflection: 'Promišljanje',
  noTrainerMaterial: 'Na ovoj stranici nema bilješki za voditelja ni aktivnosti.',
  question: 'Pitanje',
  points: 'Bodovi',
  outcome: 'Ishod učenja',
  answer: 'Odgovor',
  correct: 'točno',
  explanation: 'Objašnjenje',
  acceptedAnswers: 'Prihvaćeni odgovori',
  tolerance: 'dopušteno odstupanje',
  trueLabel: 'Točno',
  falseLabel: 'Netočno',
  scenario: 'Scenarij',
  step: 'Korak',
  choices: 'Izbori',
  ending: 'Ishod',
  bestPath: 'Najbolji put',
  good: 'dobar',
  partial: 'djelomičan',
  poor: 'loš',
  notScored: 'ne boduje se',
  media: 'Mediji',
  draftTranslation: 'Nacrt prijevoda: još ga nije pregledao voditelj kojemu je hrvatski materinski jezik.',
  noAssessments: 'Ovaj tečaj nema pitanja ni bodovanih scenarija.',
  noGlossary: 'Ovaj tečaj ne definira pojmove u pojmovniku.'
}

/** Romanian. */
const ro: GuideLabels = {
  guide: 'Ghidul formatorului',
  contents: 'Cuprins',
  outcomes: 'Rezultatele învățării',
  plan: 'Planul sesiunii',
  answers: 'Baremul răspunsurilor',
  glossary: 'Glosar',
  module: 'Modulul',
  version: 'Versiunea',
  language: 'Limba',
  passMark: 'Pragul de promovare',
  authors: 'Autori',
  license: 'Licență',
  classroomTime: 'Activități în sala de curs',
  minutes: 'min',
  duration: 'Durata',
  teaches: 'Rezultatele învățării',
  taughtIn: 'Predat în',
  assessedBy: 'Evaluat prin',
  trainerNote: 'Notă pentru formator',
  activity: 'Activitate',
  reflection: 'Reflecție',
  noTrainerMaterial: 'Nicio notă pentru formator și nicio activitate pe această pagină.',
  question: 'Întrebarea',
  points: 'Puncte',
  outcome: 'Rezultatul învățării',
  answer: 'Răspuns',
  correct: 'corect',
  explanation: 'Explicație',
  acceptedAnswers: 'Răspunsuri acceptate',
  tolerance: 'toleranță',
  trueLabel: 'Adevărat',
  falseLabel: 'Fals',
  scenario: 'Scenariu',
  step: 'Pasul',
  choices: 'Opțiuni',
  ending: 'Final',
  bestPath: 'Cel mai bun parcurs',
  good: 'bun',
  partial: 'parțial',
  poor: 'slab',
  notScored: 'nepunctat',
  media: 'Materiale media',
  draftTranslation: 'Traducere provizorie: nu a fost încă verificată de un formator vorbitor nativ.',
  noAssessments: 'Acest curs nu are întrebări sau scenarii punctate.',
  noGlossary: 'Acest curs nu definește termeni de glosar.'
}

/** Portuguese (Portugal). */
const pt: GuideLabels = {
  guide: 'Guia do formador',
  contents: 'Índice',
  outcomes: 'Resultados de aprendizagem',
  plan: 'Plano da sessão',
  answers: 'Soluções',
  glossary: 'Glossário',
  module: 'Módulo',
  version: 'Versão',
  language: 'Língua',
  passMark: 'Nota mínima de aprovação',
  authors: 'Autores',
  license: 'Licença',
  classroomTime: 'Atividades em sala',
  minutes: 'min',
  duration: 'Duração',
  teaches: 'Resultados de aprendizagem',
  taughtIn: 'Ensinado em',
  assessedBy: 'Avaliado por',
  trainerNote: 'Nota para o formador',
  activity: 'Atividade',
  reflection: 'Reflexão',
  noTrainerMaterial: 'Nenhuma nota para o formador nem atividade nesta página.',
  question: 'Pergunta',
  points: 'Pontos',
  outcome: 'Resultado de aprendizagem',
  answer: 'Resposta',
  correct: 'correta',
  explanation: 'Explicação',
  acceptedAnswers: 'Respostas aceites',
  tolerance: 'tolerância',
  trueLabel: 'Verdadeiro',
  falseLabel: 'Falso',
  scenario: 'Cenário',
  step: 'Passo',
  choices: 'Opções',
  ending: 'Desfecho',
  bestPath: 'Melhor percurso',
  good: 'bom',
  partial: 'parcial',
  poor: 'fraco',
  notScored: 'sem pontuação',
  media: 'Multimédia',
  draftTranslation: 'Tradução provisória: ainda não revista por um formador falante nativo.',
  noAssessments: 'Este curso não tem perguntas nem cenários pontuados.',
  noGlossary: 'Este curso não define termos de glossário.'
}

/** Greek. */
const el: GuideLabels = {
  guide: 'Οδηγός εκπαιδευτή',
  contents: 'Περιεχόμενα',
  outcomes: 'Μαθησιακά αποτελέσματα',
  plan: 'Σχέδιο συνεδρίας',
  answers: 'Απαντήσεις',
  glossary: 'Γλωσσάριο',
  module: 'Ενότητα',
  version: 'Έκδοση',
  language: 'Γλώσσα',
  passMark: 'Βάση επιτυχίας',
  authors: 'Συγγραφείς',
  license: 'Άδεια χρήσης',
  classroomTime: 'Δραστηριότητες στην τάξη',
  minutes: 'λεπ.',
  duration: 'Διάρκεια',
  teaches: 'Μαθησιακά αποτελέσματα',
  taughtIn: 'Διδάσκεται σε',
  assessedBy: 'Αξιολογείται με',
  trainerNote: 'Σημείωση για τον εκπαιδευτή',
  activity: 'Δραστηριότητα',
  reflection: 'Αναστοχασμός',
  noTrainerMaterial: 'Δεν υπάρχουν σημειώσεις για τον εκπαιδευτή ή δραστηριότητες σε αυτή τη σελίδα.',
  question: 'Ερώτηση',
  points: 'Μονάδες',
  outcome: 'Μαθησιακό αποτέλεσμα',
  answer: 'Απάντηση',
  correct: 'σωστό',
  explanation: 'Επεξήγηση',
  acceptedAnswers: 'Αποδεκτές απαντήσεις',
  tolerance: 'ανοχή',
  trueLabel: 'Σωστό',
  falseLabel: 'Λάθος',
  scenario: 'Σενάριο',
  step: 'Βήμα',
  choices: 'Επιλογές',
  ending: 'Έκβαση',
  bestPath: 'Καλύτερη διαδρομή',
  good: 'καλή',
  partial: 'μερική',
  poor: 'κακή',
  notScored: 'χωρίς βαθμολογία',
  media: 'Πολυμέσα',
  draftTranslation: 'Προσχέδιο μετάφρασης: δεν έχει ελεγχθεί ακόμη από εκπαιδευτή με μητρική γλώσσα τα ελληνικά.',
  noAssessments: 'Αυτό το μάθημα δεν έχει ερωτήσεις ή βαθμολογούμενα σενάρια.',
  noGlossary: 'Αυτό το μάθημα δεν ορίζει όρους γλωσσαρίου.'
}

/** Turkish. */
const tr: GuideLabels = {
  guide: 'Eğitmen kılavuzu',
  contents: 'İçindekiler',
  outcomes: 'Öğrenme çıktıları',
  plan: 'Oturum planı',
  answers: 'Cevap anahtarı',
  glossary: 'Sözlük',
  module: 'Modül',
  version: 'Sürüm',
  language: 'Dil',
  passMark: 'Geçme notu',
  authors: 'Yazarlar',
  license: 'Lisans',
  classroomTime: 'Sınıf etkinlikleri',
  minutes: 'dk',
  duration: 'Süre',
  teaches: 'Öğrenme çıktıları',
  taughtIn: 'İşlendiği yer',
  assessedBy: 'Değerlendirildiği yer',
  trainerNote: 'Eğitmen notu',
  activity: 'Etkinlik',
  reflection: 'Yansıtma',
  noTrainerMaterial: 'Bu sayfada eğitmen notu veya etkinlik yok.',
  question: 'Soru',
  points: 'Puan',
  outcome: 'Öğrenme çıktısı',
  answer: 'Cevap',
  correct: 'doğru',
  explanation: 'Açıklama',
  acceptedAnswers: 'Kabul edilen cevaplar',
  tolerance: 'tolerans',
  trueLabel: 'Doğru',
  falseLabel: 'Yanlış',
  scenario: 'Senaryo',
  step: 'Adım',
  choices: 'Seçenekler',
  ending: 'Sonuç',
  bestPath: 'En iyi yol',
  good: 'iyi',
  partial: 'kısmi',
  poor: 'zayıf',
  notScored: 'puanlanmaz',
  media: 'Medya',
  draftTranslation: 'Taslak çeviri: anadili Türkçe olan bir eğitmen tarafından henüz gözden geçirilmedi.',
  noAssessments: 'Bu kursta soru veya puanlanan senaryo yok.',
  noGlossary: 'Bu kurs sözlük terimi tanımlamıyor.'
}

/** Spanish. */
const es: GuideLabels = {
  guide: 'Guía del formador',
  contents: 'Índice',
  outcomes: 'Resultados de aprendizaje',
  plan: 'Plan de la sesión',
  answers: 'Soluciones',
  glossary: 'Glosario',
  module: 'Módulo',
  version: 'Versión',
  language: 'Idioma',
  passMark: 'Nota de aprobado',
  authors: 'Autores',
  license: 'Licencia',
  classroomTime: 'Actividades en el aula',
  minutes: 'min',
  duration: 'Duración',
  teaches: 'Resultados de aprendizaje',
  taughtIn: 'Se trabaja en',
  assessedBy: 'Se evalúa con',
  trainerNote: 'Nota para el formador',
  activity: 'Actividad',
  reflection: 'Reflexión',
  noTrainerMaterial: 'No hay notas para el formador ni actividades en esta página.',
  question: 'Pregunta',
  points: 'Puntos',
  outcome: 'Resultado de aprendizaje',
  answer: 'Respuesta',
  correct: 'correcta',
  explanation: 'Explicación',
  acceptedAnswers: 'Respuestas aceptadas',
  tolerance: 'tolerancia',
  trueLabel: 'Verdadero',
  falseLabel: 'Falso',
  scenario: 'Caso práctico',
  step: 'Paso',
  choices: 'Opciones',
  ending: 'Final',
  bestPath: 'Mejor recorrido',
  good: 'bueno',
  partial: 'parcial',
  poor: 'malo',
  notScored: 'sin puntuación',
  media: 'Multimedia',
  draftTranslation: 'Borrador de traducción: aún no lo ha revisado un formador hablante nativo.',
  noAssessments: 'Este curso no tiene preguntas ni casos prácticos puntuados.',
  noGlossary: 'Este curso no define términos del glosario.'
}

/** Catalan. */
const ca: GuideLabels = {
  guide: 'Guia del formador',
  contents: 'Índex',
  outcomes: 'Resultats d’aprenentatge',
  plan: 'Pla de la sessió',
  answers: 'Solucions',
  glossary: 'Glossari',
  module: 'Mòdul',
  version: 'Versió',
  language: 'Llengua',
  passMark: 'Nota d’aprovat',
  authors: 'Autors',
  license: 'Llicència',
  classroomTime: 'Activitats a l’aula',
  minutes: 'min',
  duration: 'Durada',
  teaches: 'Resultats d’aprenentatge',
  taughtIn: 'Es treballa a',
  assessedBy: 'S’avalua amb',
  trainerNote: 'Nota per al formador',
  activity: 'Activitat',
  reflection: 'Reflexió',
  noTrainerMaterial: 'No hi ha notes per al formador ni activitats en aquesta pàgina.',
  question: 'Pregunta',
  points: 'Punts',
  outcome: 'Resultat d’aprenentatge',
  answer: 'Resposta',
  correct: 'correcta',
  explanation: 'Explicació',
  acceptedAnswers: 'Respostes acceptades',
  tolerance: 'tolerància',
  trueLabel: 'Vertader',
  falseLabel: 'Fals',
  scenario: 'Cas pràctic',
  step: 'Pas',
  choices: 'Opcions',
  ending: 'Final',
  bestPath: 'Millor recorregut',
  good: 'bo',
  partial: 'parcial',
  poor: 'dolent',
  notScored: 'sense puntuació',
  media: 'Multimèdia',
  draftTranslation: 'Esborrany de traducció: encara no l’ha revisat un formador de llengua materna catalana.',
  noAssessments: 'Aquest curs no té preguntes ni casos pràctics puntuats.',
  noGlossary: 'Aquest curs no defineix termes del glossari.'
}

/** The labels of every language the guide knows, by language tag. */
export const guideStrings: Readonly<Record<string, GuideLabels>> = {en: guideLabels, de, sl, cs, hr, ro, pt, el, tr, es, ca}

/**
 * The labels for a course language: its own (a regional variant, e.g. `pt-BR`, takes its base
 * language's), else English.
 */
export function guideLabelsFor(language: string): GuideLabels {
  const base = language.split('-')[0]!.toLowerCase()
  const own = (tag: string): GuideLabels | undefined => (Object.hasOwn(guideStrings, tag) ? guideStrings[tag] : undefined)
  return own(language) ?? own(base) ?? guideLabels
}
