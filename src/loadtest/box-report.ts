/** Where a run's report is kept on the box, and the command that writes it there (the JSON on stdin). */
import { remotePath, sh } from '../remote/quote.js';

export const boxReportDir = '~/.pgx-companion/loadtests';

/** `id` is ours (hex), quoted all the same. */
export const saveBoxReportCommand = (id: string): string => {
  const dir = remotePath(boxReportDir);
  const file = remotePath(`${boxReportDir}/${id}.json`);
  return sh`mkdir -p ${dir} && cat > ${file}.tmp && mv -f ${file}.tmp ${file}`;
};
