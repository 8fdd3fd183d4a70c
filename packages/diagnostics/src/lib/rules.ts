/** One rule of the catalogue. Ids are permanent: never renamed, never reused. */
export interface RuleData {
  /** Permanent kebab-case id. */
  readonly id: string
  /** What happened, in a few words. */
  readonly title: string
  /** The action the author should take. */
  readonly hint: string
  /** Default severity. */
  readonly severity: 'error' | 'warning'
}

function rule(id: string, severity: 'error' | 'warning', title: string, hint: string): RuleData {
  return {id, severity, title, hint}
}

/** The catalogue of every diagnostic coursemark reports. */
export const rules = {
  yamlSyntax: rule('yaml-syntax', 'error', 'The YAML cannot be read.',
    'Check indentation (spaces, not tabs), the colon after each key, and quotes around text that contains `: ` or starts with a special character.'),
  duplicateKey: rule('duplicate-key', 'error', 'A key appears twice in the same YAML mapping.',
    'Remove or rename one of the two keys: the second would silently replace the first.'),
  missingField: rule('missing-field', 'error', 'A required field is missing.',
    'Add the field; see the authoring guide for what each field means.'),
  unknownField: rule('unknown-field', 'error', 'A field is not known here.',
    'Check the spelling, or remove the field; see the authoring guide for the fields allowed.'),
  invalidValue: rule('invalid-value', 'error', 'A value is not allowed here.',
    'Use one of the allowed values listed in the message.'),
  missingFrontmatter: rule('missing-frontmatter', 'error', 'The module has no front matter.',
    'Start the file with `---`, then `id:`, `title:` and `outcomes:` lines, then `---`.'),
  unknownDirective: rule('unknown-directive', 'error', 'Unknown directive.',
    'Check the spelling, or see “Directives” in the authoring guide for the full list.'),
  misplacedDirective: rule('misplaced-directive', 'error', 'A directive is used where it cannot be.',
    'Move it: questions go inside a `:::quiz`, steps inside a `:::scenario`; use `:::` blocks, `::` single lines and `:` inline forms as documented.'),
  missingAttribute: rule('missing-attribute', 'error', 'A required attribute is missing.',
    'Add the attribute inside the `{…}` after the directive name, e.g. `{id=check-1}`.'),
  unknownAttribute: rule('unknown-attribute', 'error', 'An attribute is not known for this directive.',
    'Check the spelling, or remove the attribute; the message lists the attributes allowed.'),
  invalidAttribute: rule('invalid-attribute', 'error', 'An attribute value is not allowed.',
    'Use one of the values listed in the message.'),
  malformedDirective: rule('malformed-directive', 'error', 'A directive cannot be read, so it would show as plain text.',
    'Check the `{…}` after the name: attributes are `name=value` or `name="text"`; inside double quotes use single quotes (`title="Say \'no\'"`), or the other way round.'),
  nestingTooDeep: rule('nesting-too-deep', 'error', 'Lists, quotes or blocks are nested too deeply to be read safely.',
    'Flatten the structure: no course needs more than a few levels of lists, quotes or directives inside each other.'),
  unclosedDirective: rule('unclosed-directive', 'error', 'A block directive is never closed.',
    'Add a closing fence (a line of colons, e.g. `:::`) where the block ends.'),
  strayFence: rule('stray-fence', 'error', 'A closing fence closes nothing.',
    'Remove the extra line of colons, or open the block it was meant to close.'),
  unknownOutcome: rule('unknown-outcome', 'error', 'An outcome id is not defined in course.yaml.',
    'Use an outcome id listed under `outcomes:` in course.yaml, or add the outcome there.'),
  outcomeNotTaught: rule('outcome-not-taught', 'error', 'An outcome is not taught by any module.',
    'Add the outcome id to the `outcomes:` of the module that teaches it, or remove the outcome.'),
  outcomeNotAssessed: rule('outcome-not-assessed', 'warning', 'An outcome is never assessed.',
    'Add a question or a scenario with `outcome=` set to this outcome.'),
  noCorrectAnswer: rule('no-correct-answer', 'error', 'A question has no correct answer.',
    'Mark the correct option with `[x]` (or set `answer=` for true-false and numeric questions).'),
  malformedQuestion: rule('malformed-question', 'error', 'A question is not written as its type requires.',
    'See “The question types” in the authoring guide for how to write each type.'),
  unknownQuestionType: rule('unknown-question-type', 'error', 'Unknown question type.',
    'Use one of `single`, `multiple`, `true-false`, `order`, `match`, `text`, `numeric`.'),
  emptyQuiz: rule('empty-quiz', 'error', 'A quiz has no questions.',
    'Add at least one `::::question` inside the quiz, or remove the quiz.'),
  brokenScenario: rule('broken-scenario', 'error', 'A scenario cannot be played as written.',
    'Each choice must link to an existing step (`[choice](#step-id)`), every step must be reachable, and every ending needs `result=`.'),
  duplicateId: rule('duplicate-id', 'error', 'An id is used twice in the course.',
    'Give each outcome, module, quiz, question, scenario, step and reflection its own id.'),
  invalidId: rule('invalid-id', 'error', 'An id cannot be used as a SCORM identifier or in an IRI.',
    'Start with a letter; then use only letters, digits, `-`, `_` and `.`; at most 64 characters.'),
  invalidCourseId: rule('invalid-course-id', 'error', 'The course id is not an absolute IRI.',
    'Use a web address or URN you control, e.g. `https://your-organisation.org/courses/boundaries`.'),
  missingModule: rule('missing-module', 'error', 'A module file listed in course.yaml does not exist.',
    'Check the path (relative to course.yaml), or create the file.'),
  missingAsset: rule('missing-asset', 'error', 'A file referenced by the course does not exist.',
    'Check the path (relative to the Markdown file), or add the file to the course folder.'),
  assetOutsideCourse: rule('asset-outside-course', 'error', 'A path points outside the course folder.',
    'Copy the file into the course folder (e.g. `media/`) and refer to it there; nothing outside the course is ever read or packed.'),
  externalMedia: rule('external-media', 'error', 'An image or media file is loaded from the web.',
    'Download the file into the course’s `media/` folder and refer to it by its path: packages must work offline.'),
  externalLink: rule('external-link', 'warning', 'A link points to a web site, which offline learners cannot open.',
    'Keep the information in the course itself, or set `externalLinks: allow` in course.yaml when the links are deliberate.'),
  unsafeFileName: rule('unsafe-file-name', 'error', 'A file name cannot be packed safely.',
    'Rename the file using letters, digits, `-`, `_` and `.` (spaces are allowed but best avoided); no `\\ : * ? " < > |` or control characters.'),
  missingAlt: rule('missing-alt', 'error', 'An image has no alt text.',
    'Describe the picture in the square brackets: `![what the picture shows](media/file.png)`.'),
  invalidLanguage: rule('invalid-language', 'error', 'The language tag is not valid.',
    'Use a BCP 47 language tag such as `en`, `de`, `sl`, `cs` or `pt-BR`.'),
  rawHtml: rule('raw-html', 'warning', 'Raw HTML is not passed through.',
    'Write the content in Markdown, or use a directive (see the authoring guide).'),
  missingCaptions: rule('missing-captions', 'warning', 'A video has no captions, or an audio no transcript.',
    'Add `captions=media/file.vtt` to the video, or `transcript=media/file.md` to the audio.'),
  emptyModule: rule('empty-module', 'error', 'A module has no pages.',
    'Add at least one `## Page title` heading with content.'),
  conflictingTerm: rule('conflicting-term', 'warning', 'A glossary term is defined twice with different definitions.',
    'Define the term once; later uses can be just `:term[word]`.'),
  undefinedTerm: rule('undefined-term', 'error', 'A glossary term is used but never defined.',
    'Add `{def="…"}` to one use of the term.'),
  includeLoop: rule('include-loop', 'error', 'An include includes itself.',
    'Remove the include that leads back to a file already being included.'),
  fileTooLarge: rule('file-too-large', 'error', 'A file is too large to be a course source.',
    'Split the module into smaller files; Markdown and YAML files are limited in size.'),
  translationMissing: rule('translation-missing', 'error', 'A translation listed in course.yaml does not exist.',
    'Create `translations/<language>/` with a translated `course.yaml` and every module, or remove the language from `translations:`.'),
  translationOutdated: rule('translation-outdated', 'warning', 'A translation is older than its source.',
    'Update the translation to match the changed source, then set its `sourceHash` to the value given in the message.'),
  translationMismatch: rule('translation-mismatch', 'error', 'A translation does not have the same structure as its source.',
    'Keep every id, outcome, module, question, option, correct answer and scenario step of the source; translate only the text.'),
  invalidEncoding: rule('invalid-encoding', 'error', 'A text file is not valid UTF-8.',
    'Save the file as UTF-8 in your editor.')
} as const satisfies Record<string, RuleData>

/** Every rule, sorted by id. */
export const ruleList: ReadonlyArray<RuleData> = Object.values(rules).sort((a, b) => a.id.localeCompare(b.id))
