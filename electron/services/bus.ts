import { EventEmitter } from 'node:events';
import type { EventMessage, EventName, EventPayload } from '../../shared/contract';
import { coalescer, type Coalescer } from './coalesce';

/** Domain events, published after the transaction that caused them has committed. */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private live: Coalescer | null = null;

  constructor(private readonly liveWindowMs = 100) {
    // Every projector, console window and LAN terminal subscribes; there is no meaningful upper bound.
    this.emitter.setMaxListeners(0);
  }

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', { name, payload } satisfies EventMessage<E>);
  }

  /** Every event as published: for the services and scripts in this process. */
  subscribe(listener: (msg: EventMessage) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /**
   * The events for screens (SSE streams, the console's and the projector's windows): progress coalesced to at most
   * one per poll every 100 ms, the last state always delivered (./coalesce.ts). One coalescer for all, so every
   * screen gets the same frames.
   */
  subscribeLive(listener: (msg: EventMessage) => void): () => void {
    if (!this.live) {
      const live = coalescer((msg) => this.emitter.emit('live', msg), this.liveWindowMs);
      this.live = live;
      this.emitter.on('event', (msg: EventMessage) => live.push(msg));
    }
    this.emitter.on('live', listener);
    return () => this.emitter.off('live', listener);
  }
}
