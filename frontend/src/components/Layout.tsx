import { useState } from "react";
import { Link, NavLink, Outlet, ScrollRestoration, useNavigate } from "react-router";
import { useShortcuts } from "../hooks/useShortcuts";
import { useTheme } from "../hooks/useTheme";
import { ShortcutsDialog } from "./ShortcutsDialog";

export function Layout() {
  const [theme, toggleTheme] = useTheme();
  const [helpOpen, setHelpOpen] = useState(false);
  const navigate = useNavigate();

  useShortcuts({
    "?": () => {
      setHelpOpen(true);
    },
    t: toggleTheme,
    h: () => {
      void navigate("/");
    },
  });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" title="Course map">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="brand-name">la4ai</span>
          <span className="brand-sub">Linear Algebra for AI</span>
        </Link>
        <nav className="topbar-actions" aria-label="App">
          <NavLink to="/dashboard" className="button-quiet nav-link">
            Dashboard
          </NavLink>
          <NavLink to="/review" className="button-quiet nav-link">
            Review
          </NavLink>
          <NavLink to="/" end className="button-quiet nav-link nav-map">
            Course map
          </NavLink>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setHelpOpen(true);
            }}
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
          >
            ⌨
          </button>
          <button
            type="button"
            className="button-quiet"
            onClick={toggleTheme}
            aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
            title="Toggle theme (t)"
            data-testid="theme-toggle"
          >
            {theme === "dark" ? "☀" : "☾"}
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        la4ai — every concept grounded in Python you can run. Press <kbd>?</kbd> for keyboard shortcuts.
      </footer>
      <ScrollRestoration />
      <ShortcutsDialog
        open={helpOpen}
        onClose={() => {
          setHelpOpen(false);
        }}
      />
    </div>
  );
}
