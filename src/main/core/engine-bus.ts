// Engine → front ends: progress and state changes, typed by EngineEvent.
import { EventEmitter } from 'node:events';
import type { EngineEvent } from '../../shared/api';

export class EngineBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window / SSE stream subscribes; more than 10 is normal for a server.
    this.emitter.setMaxListeners(0);
  }

  emit(e: EngineEvent): void {
    this.emitter.emit('event', e);
  }

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
