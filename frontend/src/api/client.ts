/**
 * The one API module. Every type comes from the OpenAPI schema (schema.d.ts is generated
 * from the server's models; a test fails when it is stale).
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type ModuleSummary = Schemas["ModuleSummary"];
export type ModuleDetail = Schemas["ModuleDetail"];
export type ModuleProgress = Schemas["ModuleProgress"];
export type ModuleRef = Schemas["ModuleRef"];
export type PathView = Schemas["PathView"];
export type Block = ModuleDetail["blocks"][number];
export type InnerBlock = Schemas["AdmonitionBlock"]["blocks"][number];
export type CodeBlock = Schemas["CodeBlock"];
export type WidgetBlock = Schemas["WidgetBlock"];
export type QuizItemView = Schemas["QuizItemView"];
export type QuizItemState = Schemas["QuizItemState"];
export type ItemResult = Schemas["ItemResult"];
export type QuizResponse = Schemas["QuizAnswer"]["response"];
export type QuizSubmissionResult = Schemas["QuizSubmissionResult"];
export type LabView = Schemas["LabView"];
export type WorkspaceKind = Schemas["WorkspaceKind"];
export type FileState = Schemas["FileState"];
export type VersionInfo = Schemas["VersionInfo"];
export type VersionContent = Schemas["VersionContent"];
export type WorkspaceView = Schemas["WorkspaceView"];
export type LabStatus = Schemas["LabStatus"];
export type LabHints = Schemas["LabHints"];
export type FunctionHints = Schemas["FunctionHints"];
export type AttemptView = Schemas["AttemptView"];
export type GradeView = Schemas["GradeView"];
export type CheckView = Schemas["CheckView"];
export type SubmitResponse = Schemas["SubmitResponse"];
export type SaveOutcome = { ok: true; file: FileState } | { ok: false; current: FileState };
export type DashboardView = Schemas["DashboardView"];
export type ContinueView = Schemas["ContinueView"];
export type PathProgressView = Schemas["PathProgressView"];
export type NextUpView = Schemas["NextUpView"];
export type ReviewSummaryView = Schemas["ReviewSummaryView"];
export type WeekView = Schemas["WeekView"];
export type WeekDayView = Schemas["WeekDayView"];
export type StreakView = Schemas["StreakView"];
export type SettingsView = Schemas["SettingsView"];
export type ReviewQueue = Schemas["ReviewQueue"];
export type ReviewItem = Schemas["ReviewItem"];
export type ReviewOutcome = Schemas["ReviewOutcome"];
export type ImportSummary = Schemas["ImportSummary"];
export type HeartbeatKind = Schemas["Heartbeat"]["kind"];
export type PathDetailView = Schemas["PathDetailView"];
export type PathWeekView = Schemas["PathWeekView"];
export type PathItemStateView = Schemas["PathItemStateView"];
export type AskRequest = Schemas["AskRequest"];
export type AskContext = Schemas["AskContext"];
export type TutorMessage = Schemas["TutorMessage"];
export type Receipt = Schemas["Receipt"];
export type Source = Schemas["Source"];
export type ConversationSummary = Schemas["ConversationSummary"];
export type ConversationView = Schemas["ConversationView"];
export type TutorStatus = Schemas["TutorStatusView"];

const client = createClient<paths>({ baseUrl: "" });

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function describe(error: unknown, status: number): ApiError {
  if (typeof error === "object" && error !== null && "detail" in error) {
    const detail = error.detail;
    if (typeof detail === "string") return new ApiError(detail, status);
    return new ApiError(JSON.stringify(detail), status);
  }
  return new ApiError(`The server answered ${status}.`, status);
}

async function unwrap<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError("Cannot reach the la4ai server. Is it still running?", 0);
  }
  if (result.data === undefined) throw describe(result.error, result.response.status);
  return result.data;
}

/** For endpoints that answer 204 No Content. */
async function done(request: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  let result: { error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError("Cannot reach the la4ai server. Is it still running?", 0);
  }
  if (!result.response.ok) throw describe(result.error, result.response.status);
}

/** The learner's UTC offset in minutes, east positive (the server's convention). */
export function utcOffsetMinutes(date: Date = new Date()): number {
  return -date.getTimezoneOffset();
}

function file(kind: WorkspaceKind, moduleId: string, name: string) {
  return { path: { kind, module_id: moduleId, name } };
}

/** Saved learner code: a lesson's cells (`cell-3`) or a lab's file (`lab.py`). */
export const workspaces = {
  get: (kind: WorkspaceKind, moduleId: string) =>
    unwrap(client.GET("/api/workspaces/{kind}/{module_id}", { params: { path: { kind, module_id: moduleId } } })),
  /** Save a new version; a stale `baseVersion` answers the current file instead (409). */
  save: async (
    kind: WorkspaceKind,
    moduleId: string,
    name: string,
    content: string,
    baseVersion: number | null,
    keepalive = false,
  ): Promise<SaveOutcome> => {
    let result;
    try {
      result = await client.PUT("/api/workspaces/{kind}/{module_id}/files/{name}", {
        params: file(kind, moduleId, name),
        body: { content, base_version: baseVersion },
        keepalive,
      });
    } catch {
      throw new ApiError("Cannot reach the la4ai server. Is it still running?", 0);
    }
    if (result.data !== undefined) return { ok: true, file: result.data };
    const error: unknown = result.error;
    if (result.response.status === 409 && typeof error === "object" && error !== null && "current" in error) {
      return { ok: false, current: (error as Schemas["SaveConflictBody"]).current };
    }
    throw describe(error, result.response.status);
  },
  versions: (kind: WorkspaceKind, moduleId: string, name: string) =>
    unwrap(client.GET("/api/workspaces/{kind}/{module_id}/files/{name}/versions", { params: file(kind, moduleId, name) })),
  version: (kind: WorkspaceKind, moduleId: string, name: string, version: number) =>
    unwrap(
      client.GET("/api/workspaces/{kind}/{module_id}/files/{name}/versions/{version}", {
        params: { path: { ...file(kind, moduleId, name).path, version } },
      }),
    ),
  restore: (kind: WorkspaceKind, moduleId: string, name: string, version: number) =>
    unwrap(
      client.POST("/api/workspaces/{kind}/{module_id}/files/{name}/versions/{version}/restore", {
        params: { path: { ...file(kind, moduleId, name).path, version } },
      }),
    ),
  reset: (kind: WorkspaceKind, moduleId: string, name: string) =>
    unwrap(client.POST("/api/workspaces/{kind}/{module_id}/files/{name}/reset", { params: file(kind, moduleId, name) })),
};

export const api = {
  modules: () => unwrap(client.GET("/api/modules")),
  module: (moduleId: string) =>
    unwrap(client.GET("/api/modules/{module_id}", { params: { path: { module_id: moduleId } } })),
  paths: () => unwrap(client.GET("/api/paths")),
  recordReading: (moduleId: string, fraction: number) =>
    unwrap(
      client.PUT("/api/modules/{module_id}/reading", {
        params: { path: { module_id: moduleId } },
        body: { fraction },
      }),
    ),
  quizItem: (moduleId: string, itemId: string, seed?: number) =>
    unwrap(
      client.GET("/api/modules/{module_id}/quiz/{item_id}", {
        params: { path: { module_id: moduleId, item_id: itemId }, query: { seed } },
      }),
    ),
  /** `seconds`: from showing the item to submitting it (rates the spaced review). */
  submitAnswer: (moduleId: string, itemId: string, seed: number, response: QuizResponse, seconds?: number) =>
    unwrap(
      client.POST("/api/modules/{module_id}/quiz/submissions", {
        params: { path: { module_id: moduleId } },
        body: { answers: [{ item_id: itemId, seed, response, seconds }] },
      }),
    ),
};

/** Spaced review: the items due now, and answering one. */
export const review = {
  queue: () => unwrap(client.GET("/api/review")),
  answer: (moduleId: string, itemId: string, seed: number, response: QuizResponse, seconds?: number) =>
    unwrap(
      client.POST("/api/review/{module_id}/answers", {
        params: { path: { module_id: moduleId } },
        body: { item_id: itemId, seed, response, seconds },
      }),
    ),
};

/** The dashboard, time tracking, settings, and moving progress between machines. */
export const progress = {
  dashboard: () =>
    unwrap(client.GET("/api/dashboard", { params: { query: { utc_offset_minutes: utcOffsetMinutes() } } })),
  /**
   * Active seconds (1–60) on a page. `keepalive` lets the request outlive the page (sent
   * when the tab is hidden or closed); it is an ordinary same-origin fetch, so the server's
   * origin check accepts it.
   */
  heartbeat: (kind: HeartbeatKind, moduleId: string, seconds: number, keepalive = false) =>
    done(
      client.POST("/api/activity/heartbeat", {
        body: { kind, module_id: moduleId, seconds, utc_offset_minutes: utcOffsetMinutes() },
        keepalive,
      }),
    ),
  settings: () => unwrap(client.GET("/api/settings")),
  saveSettings: (update: { weekly_goal_minutes: number | null; path_id: string | null }) =>
    unwrap(client.PUT("/api/settings", { body: update })),
  /** A plain link to this downloads the file (the server names it). */
  exportUrl: "/api/progress/export",
  /** Replace all the learner's progress and code with an exported file (sent as it is). */
  importFile: async (content: Blob): Promise<ImportSummary> => {
    let response: Response;
    try {
      response = await fetch("/api/progress/import", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: content,
      });
    } catch {
      throw new ApiError("Cannot reach the la4ai server. Is it still running?", 0);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw describe(body, response.status);
    return body as ImportSummary;
  },
};

/** A learning path with the learner's state of every item; marking resources and projects. */
export const learningPaths = {
  get: (pathId: string) => unwrap(client.GET("/api/paths/{path_id}", { params: { path: { path_id: pathId } } })),
  /** Mark a resource or project done (`done`), or take the mark back; the path as it is now. */
  setDone: (pathId: string, itemId: string, done: boolean) => {
    const params = { params: { path: { path_id: pathId, item_id: itemId } } };
    return unwrap(
      done
        ? client.PUT("/api/paths/{path_id}/items/{item_id}/done", params)
        : client.DELETE("/api/paths/{path_id}/items/{item_id}/done", params),
    );
  },
};

/** A lab's checks and hint ladder: submit the file, list attempts, reveal hints. */
export const labs = {
  status: (moduleId: string) =>
    unwrap(client.GET("/api/labs/{module_id}", { params: { path: { module_id: moduleId } } })),
  /** Check the whole file; a file that does not load is a result with `error`, not a failure. */
  submit: (moduleId: string, code: string) =>
    unwrap(
      client.POST("/api/labs/{module_id}/attempts", {
        params: { path: { module_id: moduleId } },
        body: { code },
      }),
    ),
  attempt: (moduleId: string, number: number) =>
    unwrap(
      client.GET("/api/labs/{module_id}/attempts/{number}", {
        params: { path: { module_id: moduleId, number } },
      }),
    ),
  hints: (moduleId: string) =>
    unwrap(client.GET("/api/labs/{module_id}/hints", { params: { path: { module_id: moduleId } } })),
  /** Reveal the next rung of `fn`'s ladder; 409 (an ApiError) when it is not open yet. */
  revealHint: (moduleId: string, fn: string) =>
    unwrap(
      client.POST("/api/labs/{module_id}/hints/{function}", {
        params: { path: { module_id: moduleId, function: fn } },
      }),
    ),
};

/** The tutor's stored conversations (asking streams over SSE: see tutor/sse.ts). */
export const tutor = {
  /** The module's conversations, newest first. */
  conversations: (moduleId: string) =>
    unwrap(client.GET("/api/tutor/conversations", { params: { query: { module_id: moduleId } } })),
  conversation: (conversationId: number) =>
    unwrap(
      client.GET("/api/tutor/conversations/{conversation_id}", {
        params: { path: { conversation_id: conversationId } },
      }),
    ),
  remove: (conversationId: number) =>
    done(
      client.DELETE("/api/tutor/conversations/{conversation_id}", {
        params: { path: { conversation_id: conversationId } },
      }),
    ),
  status: () => unwrap(client.GET("/api/tutor/status")),
};
