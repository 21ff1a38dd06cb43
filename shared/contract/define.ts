import type { z } from 'zod';

/** One API method: a Chinese summary for docs, the input schema checked at every boundary, and (as a type) its output. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  /** Describes the output for the generated docs; the type itself is carried by the phantom field. */
  returns: string;
  readonly _output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(summary: string, input: I, returns: string): MethodDef<I, O> => ({
    summary,
    input,
    returns,
  });
}

/** One event that the host pushes to every subscriber. */
export interface EventDef<P = unknown> {
  summary: string;
  readonly _payload?: P;
}

export function event<P>(summary: string): EventDef<P> {
  return { summary };
}
