import type { RunView } from '../../../src/domain/finetune.js';

/** Which finished training run a step works on (Try it, Evaluate): a labelled select of the runs. */
export const RunPicker = ({ label, runs, value, onChange, disabled = false, testId }: { label: string; runs: readonly RunView[]; value: string; onChange: (runId: string) => void; disabled?: boolean; testId: string }) => (
  <label className="bm-field">
    <span className="bm-field__label">{label}</span>
    <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {runs.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </select>
  </label>
);
