package api

// runRoutes lists the routes of runs, results and calculations.
func (s *Server) runRoutes() []Route { return nil }
