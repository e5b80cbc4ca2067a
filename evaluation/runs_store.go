package evaluation

// RunTx is the storage of runs and their results.
type RunTx interface{}
