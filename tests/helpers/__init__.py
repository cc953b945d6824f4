"""Programs the tests run as separate processes (readers, killers), so that locks and crashes are real."""
