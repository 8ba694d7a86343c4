/// The findings the reader knows, and how chest radiology reports word them.
///
/// Phrases are matched on singular word forms ("opacity" finds "opacities"); "..." stands for up to
/// four words in between, so "heart ... enlarged" finds "the heart is mildly enlarged" and, with
/// the negation inside it, "heart size is not enlarged".
enum FindingVocabulary {
    static let findings: [FindingTerms] = [
        FindingTerms(
            "cardiomegaly",
            questionNames: ["enlarged heart", "heart enlargement", "enlarged cardiac silhouette", "big heart"],
            mentions: [
                "cardiomegaly", "enlarged heart", "enlarged cardiac", "cardiac enlargement", "enlargement of the heart",
                "enlargement of the cardiac", "heart ... enlarged", "cardiac silhouette ... enlarged",
                "cardiac size ... enlarged", "cardiac shadow ... enlarged", "cardiomediastinal silhouette ... enlarged",
                "increase in heart size", "increased heart size", "increase in cardiac size", "increased cardiac size",
                "enlarged cardiomediastinal silhouette", "heart size ... increased", "cardiac size ... increased",
            ],
            normal: [
                "heart ... normal", "cardiac ... normal", "cardiomediastinal ... normal", "normal heart", "normal cardiac",
                "heart ... unremarkable", "cardiac ... unremarkable", "cardiomediastinal ... unremarkable",
                "heart ... upper limit", "cardiac ... upper limit",
            ]),
        FindingTerms(
            "pleural effusion",
            questionNames: ["pleural fluid", "fluid in the pleural space"],
            mentions: [
                "effusion", "pleural fluid", "hydrothorax", "blunting ... costophrenic", "costophrenic ... blunting",
                "costophrenic ... blunted", "blunted costophrenic",
            ],
            normal: ["costophrenic ... sharp"],
            // Long-standing blunting is pleural thickening or scarring, not fluid.
            notThis: ["pericardial effusion", "joint effusion", "chronic blunting"]),
        FindingTerms(
            "pneumothorax",
            mentions: ["pneumothorax", "hydropneumothorax"]),
        FindingTerms(
            "atelectasis",
            questionNames: ["pulmonary atelectasis", "lung collapse"],
            mentions: ["atelectasis", "atelectatic", "lobe collapse", "lobar collapse", "lung collapse", "collapse of the ... lobe"]),
        FindingTerms(
            "opacity",
            questionNames: ["lung opacity", "pulmonary opacity"],
            mentions: ["opacity", "opacification", "opacified"]),
        FindingTerms(
            "nodule",
            questionNames: ["lung nodule", "pulmonary nodule"],
            mentions: ["nodule", "nodular"],
            // An opacity called nodular is described, not yet named a nodule.
            notThis: ["nodular opacity"]),
        FindingTerms(
            "emphysema",
            questionNames: ["pulmonary emphysema"],
            mentions: ["emphysema", "emphysematous"],
            notThis: ["subcutaneous emphysema", "soft tissue emphysema"]),
        FindingTerms(
            "pulmonary edema",
            questionNames: ["lung edema", "edema"],
            mentions: ["edema"],
            notThis: ["peripheral edema", "soft tissue edema", "subcutaneous edema", "extremity edema", "leg edema"]),
        FindingTerms(
            "consolidation",
            questionNames: ["lung consolidation"],
            mentions: ["consolidation", "consolidative", "consolidated"]),
        FindingTerms(
            "calcified granuloma",
            mentions: ["calcified granuloma", "calcified ... granuloma", "calcified granulomata"]),
        FindingTerms(
            "scoliosis",
            questionNames: ["spinal curvature", "curvature of the spine"],
            mentions: [
                "scoliosis", "scoliotic", "levoscoliosis", "dextroscoliosis", "levocurvature", "dextrocurvature",
                "curvature of the ... spine",
            ],
            notThis: ["kyphotic curvature", "kyphosis"]),
        FindingTerms(
            "bone fracture",
            questionNames: ["fracture", "broken bone", "fractured bone"],
            mentions: ["fracture", "fractured"]),
        FindingTerms(
            "pneumonia",
            mentions: ["pneumonia", "bronchopneumonia", "pneumonitis"]),
        FindingTerms(
            "hiatal hernia",
            questionNames: ["hernia hiatal"],
            mentions: ["hiatal hernia", "hiatus hernia"]),
        FindingTerms(
            "calcinosis",
            questionNames: ["calcification"],
            mentions: ["calcinosis", "calcified", "calcification", "calcific"],
            // Calcification that the report attributes to another finding counts as that finding.
            notThis: [
                "calcified granuloma", "calcified ... granuloma", "calcified granulomata", "atherosclerotic calcification",
                "atherosclerotic ... calcification",
            ]),
        FindingTerms(
            "airspace disease",
            questionNames: ["air space disease"],
            mentions: ["airspace disease", "air space disease", "airspace process", "air space process"]),
    ]
}
