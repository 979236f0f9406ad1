import { useTranslation } from 'react-i18next';
import { formatGiB, missing } from '../../telemetry/format.js';
import { useSampleView } from '../../telemetry/use-telemetry.js';

/** Who holds GPU memory, biggest first, with the docker container where there is one. */
export const ProcessTable = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const rows = useSampleView(deviceId, (s) =>
    [...s.processes]
      .sort((a, b) => (b.memoryBytes ?? -1) - (a.memoryBytes ?? -1) || a.pid - b.pid)
      .map((p) => ({ pid: p.pid, name: p.name, memory: p.memoryBytes === null ? null : formatGiB(p.memoryBytes, 2), container: p.container })),
  );
  const notReported = t('overview.notReported');
  return (
    <section className="card ov-processes" data-testid="ov-processes">
      <h2 className="card__title">{t('overview.processes')}</h2>
      {!rows || rows.length === 0 ? (
        <p className="muted">{rows ? t('overview.noProcesses') : missing}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('overview.pid')}</th>
              <th scope="col">{t('overview.command')}</th>
              <th scope="col" className="data-table__num">
                {t('overview.gpuMemory')}
              </th>
              <th scope="col">{t('overview.container')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.pid} data-pid={p.pid}>
                <td className="data-table__num">{p.pid}</td>
                <td className="data-table__command" title={p.name}>
                  <code>{p.name}</code>
                </td>
                <td className="data-table__num" title={p.memory === null ? notReported : undefined} data-missing={p.memory === null ? '' : undefined}>
                  {p.memory ?? missing}
                </td>
                <td>{p.container ?? <span className="muted">{t('overview.onHost')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
