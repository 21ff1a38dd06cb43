import { EventEmitter } from 'node:events';
import type { EventMessage, EventName, EventPayload } from '../../shared/contract';

/** Domain events, published after the transaction that caused them has committed. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every projector, console window and LAN terminal subscribes; there is no meaningful upper bound.
    this.emitter.setMaxListeners(0);
  }

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', { name, payload } satisfies EventMessage<E>);
  }

  subscribe(listener: (msg: EventMessage) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
