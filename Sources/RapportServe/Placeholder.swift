// The preview server (issue 7) lives in this module.
