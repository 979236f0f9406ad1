import { useTranslation } from 'react-i18next';
import type { ModelScanProblem } from '../../../src/contract/methods/models.js';

const problemKey: Readonly<Record<ModelScanProblem['code'], string>> = {
  incomplete: 'models.problem.incomplete',
  'folder-missing': 'models.problem.folderMissing',
  'ollama-error': 'models.problem.ollamaError',
};

/** What the last scan could not read, in the user's language (main's English sentence when a code is new to this renderer). */
export const ScanProblems = ({ problems }: { problems: readonly ModelScanProblem[] }) => {
  const { t } = useTranslation();
  return problems.map((p) => (
    <p key={`${p.code}:${p.path ?? ''}`} className="small muted models__problem-line" data-testid="models-problem" data-code={p.code}>
      {problemKey[p.code] ? t(problemKey[p.code], { path: p.path ?? '', detail: p.detail ?? '', defaultValue: p.message }) : p.message}
    </p>
  ));
};
