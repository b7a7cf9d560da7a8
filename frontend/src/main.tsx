import "katex/dist/katex.min.css";
import "./styles/app.css";
import "./styles/progress.css";
import "./styles/tutor.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import { CourseMap } from "./pages/CourseMap";
import { DashboardPage } from "./pages/DashboardPage";
import { LabPage } from "./pages/LabPage";
import { LessonPage } from "./pages/LessonPage";
import { NotFound } from "./pages/NotFound";
import { PathPage } from "./pages/PathPage";
import { QuizPage } from "./pages/QuizPage";
import { ReviewPage } from "./pages/ReviewPage";

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", element: <CourseMap /> },
      { path: "/dashboard", element: <DashboardPage /> },
      { path: "/review", element: <ReviewPage /> },
      { path: "/paths/:pathId", element: <PathPage /> },
      { path: "/modules/:moduleId", element: <LessonPage /> },
      { path: "/modules/:moduleId/quiz", element: <QuizPage /> },
      { path: "/modules/:moduleId/lab", element: <LabPage /> },
      { path: "*", element: <NotFound /> },
    ],
  },
]);

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
