package dev.ragops.server;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Carries an OpenTelemetry context in Micronaut's propagated context, so that it is current on
 * whichever thread runs the request's controller (Micronaut restores its propagated context on the
 * threads it hands a request to).
 */
record TraceContextElement(Context context) implements ThreadPropagatedContextElement<Scope> {

  @Override
  public Scope updateThreadContext() {
    return context.makeCurrent();
  }

  @Override
  public void restoreThreadContext(Scope scope) {
    scope.close();
  }
}
