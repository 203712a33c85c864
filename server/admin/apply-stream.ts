/**
 * Answers an apply request, with progress when the app asks for it (Accept:
 * application/x-ndjson; format in api-types.ts). The whole apply is still one transaction:
 * progress lines report its phases, the last line says whether it was committed. Errors
 * before the first progress line (validation, the apply lock) keep their HTTP status.
 */
import type { Request, Response } from 'express';
import { AppError, errorBody } from '../http/errors';
import type { ApplyProgress, ApplyResponse } from './api-types';
import type { Logger } from '../logger';

export async function answerApply(req: Request, res: Response, work: (onProgress?: (p: ApplyProgress) => void) => Promise<ApplyResponse>, log?: Logger): Promise<void> {
  if (!(req.header('accept') ?? '').includes('application/x-ndjson')) {
    res.json(await work());
    return;
  }
  let started = false;
  const line = (value: unknown) => {
    if (!started) {
      res.status(200).type('application/x-ndjson');
      res.set('X-Accel-Buffering', 'no'); // let reverse proxies pass lines through at once
      started = true;
    }
    res.write(`${JSON.stringify(value)}\n`);
  };
  try {
    const result = await work((progress) => line({ progress }));
    line({ result });
    res.end();
  } catch (e) {
    if (!started) throw e;
    const err = e instanceof AppError ? e : new AppError('internal', 'The apply failed and was rolled back: nothing was changed. The cause is in the server log.');
    if (!(e instanceof AppError)) log?.error({ err: e }, 'apply failed after it started; rolled back');
    line(errorBody(err));
    res.end();
  }
}
