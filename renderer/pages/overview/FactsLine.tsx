import { useTranslation } from 'react-i18next';
import type { BoxFacts } from '../../../src/domain/telemetry.js';
import { missing } from '../../telemetry/format.js';

type FactKey = 'gpuName' | 'driverVersion' | 'cudaVersion' | 'os' | 'kernel' | 'arch';
const order: ReadonlyArray<[FactKey, 'gpu' | 'driver' | 'cuda' | 'os' | 'kernel' | 'arch']> = [
  ['gpuName', 'gpu'],
  ['driverVersion', 'driver'],
  ['cudaVersion', 'cuda'],
  ['os', 'os'],
  ['kernel', 'kernel'],
  ['arch', 'arch'],
];

/** What the box is, read once per connection: GPU, driver, CUDA, OS, kernel, architecture. */
export const FactsLine = ({ facts }: { facts: BoxFacts | null }) => {
  const { t } = useTranslation();
  return (
    <dl className="ov-facts small" data-testid="ov-facts">
      {order.map(([key, label]) => {
        const value = facts?.[key] ?? null;
        return (
          <div key={key} className="ov-facts__item">
            <dt className="muted">{t(`overview.facts.${label}`)}</dt>
            <dd data-testid={`ov-fact-${label}`} title={value === null ? t('overview.notReported') : undefined}>
              {value ?? missing}
            </dd>
          </div>
        );
      })}
    </dl>
  );
};
