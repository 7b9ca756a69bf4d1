import type { DomainForecast } from './forecast';

// The forecast's one-line summary, apart from the simulation (forecast.ts): the plan tree shows
// these lines from the extension's main bundle, which does not carry the simulation itself.

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** "Model Deployment: 71 % today → 58 % on exam day if you stop". */
export function forecastLine(d: Pick<DomainForecast, 'title' | 'today' | 'stop'>): string {
  return `${d.title}: ${pct(d.today)} today → ${pct(d.stop)} on exam day if you stop`;
}
