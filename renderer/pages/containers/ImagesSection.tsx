import { ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ImageView } from '../../../src/domain/container.js';
import { absoluteTime, imageSize, relativeTime, shortId } from './format.js';

/** The images on the box, folded away by default: the containers are what one comes here for. */
export const ImagesSection = ({ images, now }: { images: readonly ImageView[]; now: number }) => {
  const { t, i18n } = useTranslation();
  return (
    <details className="card cnt-images" data-testid="images">
      <summary className="cnt-images__summary" data-testid="images-toggle">
        <ChevronRight size={16} className="cnt-images__chevron" aria-hidden />
        <h2 className="card__title">{t('containers.images.title', { n: images.length })}</h2>
      </summary>
      {images.length === 0 ? (
        <p className="muted">{t('containers.images.empty')}</p>
      ) : (
        <div className="cnt-table-wrap">
          <table className="data-table" data-testid="images-table">
            <thead>
              <tr>
                <th>{t('containers.images.reference')}</th>
                <th>{t('containers.images.id')}</th>
                <th className="data-table__num">{t('containers.images.size')}</th>
                <th>{t('containers.images.created')}</th>
              </tr>
            </thead>
            <tbody>
              {images.map((image) => (
                <tr key={`${image.id}:${image.reference ?? ''}`} data-testid="image-row">
                  <td className="cnt-image">{image.reference ?? <span className="muted">{t('containers.images.untagged')}</span>}</td>
                  <td className="cnt-mono small muted">{shortId(image.id)}</td>
                  <td className="data-table__num">{image.sizeBytes === null ? '—' : imageSize(image.sizeBytes)}</td>
                  <td className="cnt-nowrap" title={image.createdAt === null ? undefined : absoluteTime(image.createdAt, i18n.language)}>
                    {image.createdAt === null ? <span className="muted">—</span> : relativeTime(image.createdAt, now, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
};
