/**
 * A uPlot chart in an element that follows the element's width (charts live in cards that resize
 * with the window). Returns the clean-up for a React effect; `track` gets the plot while it lives,
 * so later effects can feed it new points with setData instead of building it again.
 */
import uPlot from 'uplot';

export const mountPlot = (el: HTMLElement, options: uPlot.Options, data: uPlot.AlignedData, track: (plot: uPlot | null) => void, minWidth = 240): (() => void) => {
  const plot = new uPlot(options, data, el);
  track(plot);
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, minWidth), height: options.height }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    plot.destroy();
    track(null);
  };
};
