export const Spinner = () => <div className="spinner" aria-label="Loading" />;
