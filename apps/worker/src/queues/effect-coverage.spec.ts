import { type JobName } from '@khuyencong/jobs';
import { assertEveryEffectHasAProcessor } from './effect-coverage.js';
import { ProcessorRegistry } from './processor-registry.js';

const noop = () => Promise.resolve(undefined);

function registryWith(names: JobName[]): ProcessorRegistry {
  const registry = new ProcessorRegistry();
  for (const name of names) registry.register(name, noop);
  return registry;
}

describe('the worker refuses to start when an effect has no processor', () => {
  it('names the effect types whose job has no processor', () => {
    const registry = registryWith(['notification.deliver', 'timer.wake', 'report.export', 'timer.sweep']);
    expect(() => assertEveryEffectHasAProcessor(registry)).toThrow('generate_certificate → certificate.render');
  });

  it('passes when every outbox effect type has its processor', () => {
    const registry = registryWith(['notification.deliver', 'timer.wake', 'report.export', 'certificate.render', 'timer.sweep']);
    expect(() => assertEveryEffectHasAProcessor(registry)).not.toThrow();
  });
});
