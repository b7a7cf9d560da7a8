import type { ConversationSummary } from "../api/client";

const WHEN = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

/** "lesson" → "Lesson": where the conversation started. */
function pageName(page: string): string {
  return page.charAt(0).toUpperCase() + page.slice(1);
}

type Props = {
  history: readonly ConversationSummary[] | null;
  currentId: number | null;
  onOpen: (conversationId: number) => void;
  onDelete: (conversationId: number, title: string) => void;
};

/** The module's earlier conversations, folded: open one, or delete it. */
export function TutorHistory({ history, currentId, onOpen, onDelete }: Props) {
  if (!history || history.length === 0) return null;
  return (
    <details className="tutor-history">
      <summary>Conversations on this module ({history.length})</summary>
      <ul>
        {history.map((item) => {
          const current = item.id === currentId;
          return (
            <li key={item.id} className="tutor-history-item">
              <button
                type="button"
                className="tutor-history-open"
                aria-current={current ? "true" : undefined}
                onClick={() => {
                  onOpen(item.id);
                }}
              >
                <span className="tutor-history-title">{item.title}</span>
                <span className="tutor-history-meta muted">
                  {pageName(item.page)} · {WHEN.format(new Date(item.updated_at))} · {item.messages}{" "}
                  {item.messages === 1 ? "message" : "messages"}
                  {current ? " · open" : ""}
                </span>
              </button>
              <button
                type="button"
                className="button-quiet tutor-history-delete"
                aria-label={`Delete the conversation “${item.title}”`}
                onClick={() => {
                  onDelete(item.id, item.title);
                }}
              >
                Delete
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
