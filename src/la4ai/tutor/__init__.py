"""The AI tutor: an offline solver whose every number is verified by code, retrieval
over the course, lab-aware hints and an optional LLM through the OpenAI-compatible protocol."""
