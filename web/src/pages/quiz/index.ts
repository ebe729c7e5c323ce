// The quiz pages, loaded as one file: a quiz link needs the start page and the attempt page back to back.
export { default } from "./QuizAttempt.tsx";
export { AssignmentStart, PracticeStart } from "./QuizStart.tsx";
