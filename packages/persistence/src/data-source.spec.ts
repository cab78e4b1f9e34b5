import { createDataSourceOptions } from './data-source.js';

describe('createDataSourceOptions', () => {
  const url = 'postgres://postgres@127.0.0.1:5432/khuyencong';

  it('names each process apart and passes the serial-query option on a direct connection', () => {
    const options = createDataSourceOptions({ url, applicationName: 'khuyencong-api', serialQueries: true });
    expect(options).toMatchObject({ applicationName: 'khuyencong-api', extra: { options: '-c max_parallel_workers_per_gather=0' } });
  });

  it('gives every process one name behind a transaction pooler, so PgBouncer sends no SET between clients', () => {
    const api = createDataSourceOptions({ url, applicationName: 'khuyencong-api', transactionPooler: true });
    const worker = createDataSourceOptions({ url, applicationName: 'khuyencong-worker w1', transactionPooler: true });
    expect(api).toMatchObject({ applicationName: 'khuyencong' });
    expect(worker).toMatchObject({ applicationName: 'khuyencong' });
  });
});
