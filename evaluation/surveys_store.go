package evaluation

// SurveyTx is the storage of surveys and their responses.
type SurveyTx interface{}
