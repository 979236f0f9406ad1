import type { z } from 'zod';

/** A short, single-line description of what was wrong with a payload (never echoes huge values). */
export const describeZodError = (error: z.ZodError): string => {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(payload)';
    return `${where.slice(0, 80)}: ${issue.message.slice(0, 160)}`;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
};
