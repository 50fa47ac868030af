import KubeModel
import Yams

extension Scenario {
    /// Decodes a Scenario document node (see ``ScenarioDecoder``): the scenario (always
    /// returned, best effort when there are errors) and every problem found.
    /// - Parameters:
    ///   - node: the document's root mapping.
    ///   - location: file and line of the document.
    ///   - baseDirectory: where relative paths (templates, empirical data, traces) resolve.
    public static func decode(
        node: Yams.Node, location: SourceLocation, baseDirectory: String
    )
        -> (scenario: Scenario?, diagnostics: [Diagnostic])
    {
        let result = ScenarioDecoder.decode(node, location: location, baseDirectory: baseDirectory)
        return (result.scenario, result.diagnostics)
    }

    /// The reference checks of ``ScenarioReferenceChecker`` against the loaded objects.
    public func checkReferences(objects: [LoadedObject]) -> [Diagnostic] {
        ScenarioReferenceChecker.check(self, objects: objects)
    }
}
