import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chatRequestBody, curlCommand, javascriptSnippet, laptopBaseUrl, pythonSnippet, type ChatRequestInput } from '../../../../src/recipes/playground-request.js';
import { useCopy } from '../../../components/use-copy.js';

const languages = ['curl', 'python', 'javascript'] as const;
type Language = (typeof languages)[number];

const snippet = (language: Language, baseUrl: string, input: ChatRequestInput): string => {
  const body = chatRequestBody(input);
  switch (language) {
    case 'curl':
      return curlCommand(baseUrl, body);
    case 'python':
      return pythonSnippet(baseUrl, body);
    case 'javascript':
      return javascriptSnippet(baseUrl, body);
  }
};

/** The exact request behind Send (the next one: the conversation so far plus what is typed), as curl, Python or JavaScript. */
export const RequestCode = ({ localPort, tunnelOpen, input }: { localPort: number; tunnelOpen: boolean; input: ChatRequestInput }) => {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Language>('curl');
  const { state, copy } = useCopy();
  const baseUrl = laptopBaseUrl(localPort);
  const text = snippet(language, baseUrl, input);
  return (
    <details className="pg-code" data-testid="playground-code">
      <summary>{t('playground.code')}</summary>
      <p className="small muted">
        {t('playground.codeExplain', { url: baseUrl })} {tunnelOpen ? null : t('playground.codeNoTunnel')}
      </p>
      <div className="pg-code__bar">
        <div className="segmented" role="radiogroup" aria-label={t('playground.code')}>
          {languages.map((l) => (
            <button key={l} type="button" role="radio" aria-checked={language === l} className="segmented__item" onClick={() => setLanguage(l)} data-testid={`playground-code-${l}`}>
              {t(`playground.lang.${l}`)}
            </button>
          ))}
        </div>
        <button type="button" className="button button--ghost" onClick={() => void copy(text)} data-testid="playground-copy">
          {state === 'copied' ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />} {state === 'copied' ? t('playground.copied') : t('playground.copy')}
        </button>
      </div>
      {state === 'failed' ? <p className="small pg-code__failed">{t('playground.copyFailed')}</p> : null}
      <pre className="pg-code__text" data-testid="playground-code-text">{text}</pre>
    </details>
  );
};
