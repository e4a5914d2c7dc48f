/**
 * Catches a page that cannot render, above all a lazily loaded page whose code cannot be
 * fetched (offline before the service worker had cached it), and says so in plain words
 * instead of leaving an empty screen. Edits are safe: they are in IndexedDB already.
 */
import { Component, type ReactNode } from 'react';
import { dropSnapshot } from '../../storage/pageSnapshot';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('A page failed to render', error);
    dropSnapshot();
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="page" role="alert">
        <h1>Deze pagina kan nu niet laden</h1>
        <p>
          Misschien heb je geen verbinding. Je wijzigingen zijn bewaard op dit apparaat. Probeer het
          opnieuw als je weer verbinding hebt.
        </p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          Opnieuw proberen
        </button>
      </div>
    );
  }
}
