import "katex/dist/katex.min.css";
import "./styles/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import { CourseMap } from "./pages/CourseMap";
import { LabPage } from "./pages/LabPage";
import { LessonPage } from "./pages/LessonPage";
import { NotFound } from "./pages/NotFound";
import { QuizPage } from "./pages/QuizPage";

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", element: <CourseMap /> },
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
