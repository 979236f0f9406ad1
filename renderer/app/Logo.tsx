/** The app mark: a small box with a live trace, drawn to match assets/icon.svg. */
export const Logo = ({ size = 24 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden focusable="false">
    <rect x="4" y="10" width="56" height="44" rx="10" fill="var(--brand-bg, #1d2126)" />
    <rect x="4" y="10" width="56" height="44" rx="10" fill="none" stroke="var(--brand, #76b900)" strokeWidth="3" />
    <polyline
      points="12,38 22,38 27,24 34,46 40,30 44,38 52,38"
      fill="none"
      stroke="var(--brand, #76b900)"
      strokeWidth="4"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);
