<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Case</name>
    <message>
        <location filename="../../app/case.py" line="123"/>
        <source>The exam date is before the date of birth.</source>
        <translation>La date de l’examen précède la date de naissance.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="159"/>
        <source>Open a radiograph and choose the sex.</source>
        <translation>Ouvrez une radiographie et choisissez le sexe.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="161"/>
        <source>Open a radiograph.</source>
        <translation>Ouvrez une radiographie.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="163"/>
        <source>Choose the sex.</source>
        <translation>Choisissez le sexe.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/qt/controller.py" line="97"/>
        <source>Loading the bone-age model...</source>
        <translation>Chargement du modèle d’âge osseux…</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="113"/>
        <source>No model: predictions are unavailable.</source>
        <translation>Aucun modèle : les estimations sont indisponibles.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="115"/>
        <source>BoneAge: model unavailable</source>
        <translation>BoneAge : modèle indisponible</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="125"/>
        <source>Model ready: {0}</source>
        <translation>Modèle prêt : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="162"/>
        <source>Radiographs ({0});;All files (*)</source>
        <translation>Radiographies ({0});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="163"/>
        <source>Open radiograph</source>
        <translation>Ouvrir une radiographie</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="170"/>
        <source>Drop one radiograph at a time.</source>
        <translation>Déposez une seule radiographie à la fois.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="215"/>
        <source>Computing the heatmap...</source>
        <translation>Calcul de la carte de chaleur…</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="223"/>
        <source>Heatmap: red areas moved the prediction most.</source>
        <translation>Carte de chaleur : les zones rouges ont le plus influencé l’estimation.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="240"/>
        <source>Export report</source>
        <translation>Exporter le compte rendu</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="254"/>
        <source>The report could not be written: {0}</source>
        <translation>Le compte rendu n’a pas pu être écrit : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="256"/>
        <source>Report written to {0}</source>
        <translation>Compte rendu écrit dans {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="268"/>
        <source>Folder of radiographs</source>
        <translation>Dossier de radiographies</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="272"/>
        <source>CSV with file,sex[,birth_date,exam_date]</source>
        <translation>CSV avec file,sex[,birth_date,exam_date]</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="277"/>
        <source>Save results</source>
        <translation>Enregistrer les résultats</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="284"/>
        <source>The batch cannot start: {0}</source>
        <translation>Le traitement par lot ne peut pas démarrer : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="293"/>
        <source>Batch cancelled after {0} of {1} images ({2} with an error); results in {3}</source>
        <translation>Lot annulé après {0} images sur {1} ({2} en erreur) ; résultats dans {3}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="293"/>
        <source>Batch finished: {0} of {1} images ({2} with an error); results in {3}</source>
        <translation>Lot terminé : {0} images sur {1} ({2} en erreur) ; résultats dans {3}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="309"/>
        <source>Result copied to the clipboard.</source>
        <translation>Résultat copié dans le presse-papiers.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="339"/>
        <source>Predictions are unavailable: the model could not be loaded.</source>
        <translation>Estimations indisponibles : le modèle n’a pas pu être chargé.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="341"/>
        <source>Predicting...</source>
        <translation>Estimation en cours…</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="343"/>
        <source>Ready: press Predict.</source>
        <translation>Prêt : appuyez sur Estimer.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="435"/>
        <source>{0} months</source>
        <translation>{0} mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="355"/>
        <source>Model: {0}</source>
        <translation>Modèle : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="357"/>
        <source>Range under small rotations: {0}–{1} months</source>
        <translation>Intervalle sous petites rotations : {0}–{1} mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="362"/>
        <source>Check image: the prediction is unusually unstable for this film (positioning, exposure, or not a left hand?)</source>
        <translation>Vérifiez l’image : l’estimation est anormalement instable pour ce cliché (positionnement, exposition, ou pas une main gauche ?)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="405"/>
        <source>Enter the date of birth to compare with the chronological age.</source>
        <translation>Saisissez la date de naissance pour comparer avec l’âge chronologique.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="407"/>
        <source>Chronological age: {0} y {1} m ({2} months)</source>
        <translation>Âge chronologique : {0} a {1} m ({2} mois)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="413"/>
        <source>Bone age − chronological age: {0} months</source>
        <translation>Âge osseux − âge chronologique : {0} mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="416"/>
        <source>SDS: {0} (Greulich &amp; Pyle)</source>
        <translation>DS : {0} (Greulich &amp; Pyle)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="417"/>
        <source>SDS {0}: {1} (Greulich &amp; Pyle)</source>
        <translation>DS {0} : {1} (Greulich &amp; Pyle)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="434"/>
        <source>1 year</source>
        <translation>1 an</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="434"/>
        <source>{0} years</source>
        <translation>{0} ans</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="435"/>
        <source>1 month</source>
        <translation>1 mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="476"/>
        <source>Model: {0}&lt;br&gt;Validation MAE: {1} months (n={2}, RSNA 100 px validation split)</source>
        <translation>Modèle : {0}&lt;br&gt;Erreur absolue moyenne en validation : {1} mois (n={2}, partition de validation RSNA 100 px)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="482"/>
        <source>Model unavailable: {0}</source>
        <translation>Modèle indisponible : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="484"/>
        <source>About BoneAge</source>
        <translation>À propos de BoneAge</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="484"/>
        <source>Bone age from a left-hand radiograph.</source>
        <translation>Âge osseux à partir d’une radiographie de la main gauche.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="107"/>
        <source>The model opened last time cannot be loaded ({0}); the bundled model is in use.</source>
        <translation>Le modèle ouvert la dernière fois ne peut pas être chargé ({0}) ; le modèle fourni est utilisé.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="144"/>
        <source>BoneAge: model not opened</source>
        <translation>BoneAge : modèle non ouvert</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="132"/>
        <source>Open model (a folder holding bundle.json)</source>
        <translation>Ouvrir un modèle (un dossier contenant bundle.json)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="152"/>
        <source>Model in use: {0}</source>
        <translation>Modèle utilisé : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="469"/>
        <source>Model: {0}&lt;br&gt;Adapted to a local site from {1} ({2}, {3} images): cross-validated MAE {4} ± {5} months</source>
        <translation>Modèle : {0}&lt;br&gt;Adapté à un site local à partir de {1} ({2}, {3} images) : erreur absolue moyenne en validation croisée {4} ± {5} mois</translation>
    </message>
</context>
<context>
    <name>ImageReadError</name>
    <message>
        <location filename="../../model/dicom_io.py" line="57"/>
        <source>this is not a readable DICOM file ({detail})</source>
        <translation>ce n’est pas un fichier DICOM lisible ({detail})</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="61"/>
        <source>this DICOM is a {modality} study, not a radiograph</source>
        <translation>ce DICOM est un examen {modality}, pas une radiographie</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="65"/>
        <source>this DICOM file has no image (no pixel data)</source>
        <translation>ce fichier DICOM ne contient pas d’image (pas de données de pixels)</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="92"/>
        <source>the image has zero size ({width}x{height})</source>
        <translation>l’image a une taille nulle ({width}x{height})</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="69"/>
        <source>only single-frame grayscale DICOM radiographs are supported</source>
        <translation>seules les radiographies DICOM en niveaux de gris à une seule image sont prises en charge</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="74"/>
        <source>the DICOM pixel data cannot be decoded ({detail})</source>
        <translation>les données de pixels DICOM ne peuvent pas être décodées ({detail})</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="88"/>
        <source>the image header is damaged (no size found)</source>
        <translation>l’en-tête de l’image est endommagé (taille introuvable)</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="96"/>
        <source>the image is too large ({width}x{height}); the limit is {max_side} pixels a side and {max_mp} megapixels</source>
        <translation>l’image est trop grande ({width}x{height}) ; la limite est de {max_side} pixels par côté et {max_mp} mégapixels</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="136"/>
        <source>this is a folder, not an image file</source>
        <translation>c’est un dossier, pas un fichier image</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="141"/>
        <source>the file does not exist</source>
        <translation>le fichier n’existe pas</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="144"/>
        <source>the file cannot be opened ({detail})</source>
        <translation>le fichier ne peut pas être ouvert ({detail})</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="148"/>
        <source>the file is empty</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="155"/>
        <source>this is not a PNG, JPEG or DICOM image</source>
        <translation>ce n’est pas une image PNG, JPEG ou DICOM</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="160"/>
        <source>the {format} data is damaged or truncated</source>
        <translation>les données {format} sont endommagées ou tronquées</translation>
    </message>
    <message>
        <location filename="../../model/errors.py" line="22"/>
        <source>Cannot read &apos;{name}&apos;: </source>
        <translation>Impossible de lire « {name} » : </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/qt/main_window.py" line="32"/>
        <source>Research and education use only. Not a medical device.</source>
        <translation>Usage réservé à la recherche et à l’enseignement. Ce n’est pas un dispositif médical.</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="100"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="101"/>
        <source>&amp;Open radiograph...</source>
        <translation>&amp;Ouvrir une radiographie…</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="103"/>
        <source>&amp;Copy result</source>
        <translation>&amp;Copier le résultat</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="106"/>
        <source>Export &amp;report (PDF)...</source>
        <translation>Exporter le &amp;compte rendu (PDF)…</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="109"/>
        <source>&amp;Batch (folder + sexes CSV)...</source>
        <translation>Traitement par &amp;lot (dossier + CSV des sexes)…</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="112"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="123"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="124"/>
        <source>&amp;Fit to window</source>
        <translation>&amp;Ajuster à la fenêtre</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="126"/>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="128"/>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="132"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="139"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="140"/>
        <source>&amp;About BoneAge</source>
        <translation>À &amp;propos de BoneAge</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="144"/>
        <source>Open a radiograph (File &gt; Open, Ctrl+O) or drop it here.</source>
        <translation>Ouvrez une radiographie (Fichier &gt; Ouvrir, Ctrl+O) ou déposez-la ici.</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="147"/>
        <source>Show what the network sees</source>
        <translation>Montrer ce que voit le réseau</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="149"/>
        <source>Show what drove the prediction</source>
        <translation>Montrer ce qui a guidé l’estimation</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="161"/>
        <source>Female</source>
        <translation>Fille</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="162"/>
        <source>Male</source>
        <translation>Garçon</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="166"/>
        <source>Predict</source>
        <translation>Estimer</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="186"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="187"/>
        <source>known</source>
        <translation>connue</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="195"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="197"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="198"/>
        <source>ID</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="202"/>
        <source>Born</source>
        <translation>Naissance</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="203"/>
        <source>Exam</source>
        <translation>Examen</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="209"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="110"/>
        <source>Open &amp;model...</source>
        <translation>Ouvrir un &amp;modèle...</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="111"/>
        <source>Use the b&amp;undled model</source>
        <translation>Utiliser le modèle &amp;fourni</translation>
    </message>
</context>
<context>
    <name>Reference</name>
    <message>
        <location filename="../../app/reference.py" line="25"/>
        <source>delayed</source>
        <translation>retardé</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="26"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="27"/>
        <source>advanced</source>
        <translation>avancé</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="28"/>
        <source>outside the reference range</source>
        <translation>hors de l’intervalle de référence</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../app/report.py" line="19"/>
        <source>Research and education use only. Not a medical device.</source>
        <translation>Usage réservé à la recherche et à l’enseignement. Ce n’est pas un dispositif médical.</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="53"/>
        <source>months</source>
        <translation>mois</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="54"/>
        <source>female</source>
        <translation>féminin</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="54"/>
        <source>male</source>
        <translation>masculin</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="63"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="64"/>
        <source>Patient ID</source>
        <translation>Identifiant du patient</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="65"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="66"/>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="66"/>
        <source>not given</source>
        <translation>non renseignée</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="69"/>
        <source>Exam date</source>
        <translation>Date de l’examen</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="70"/>
        <source>Radiograph</source>
        <translation>Radiographie</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="71"/>
        <source>Bone age</source>
        <translation>Âge osseux</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="75"/>
        <source>Range under small rotations</source>
        <translation>Intervalle sous petites rotations</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="81"/>
        <source>Chronological age</source>
        <translation>Âge chronologique</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="84"/>
        <source>Bone age − chronological age</source>
        <translation>Âge osseux − âge chronologique</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="87"/>
        <source>SDS (Greulich &amp; Pyle)</source>
        <translation>DS (Greulich &amp; Pyle)</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="20"/>
        <source>Bone age report</source>
        <translation>Compte rendu d’âge osseux</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="21"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="22"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="23"/>
        <source>Training data</source>
        <translation>Données d’entraînement</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="24"/>
        <source>Printed</source>
        <translation>Imprimé le</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../app/qt/main_window.py" line="49"/>
        <source>Bone age</source>
        <translation>Âge osseux</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="51"/>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="73"/>
        <source>Copy result</source>
        <translation>Copier le résultat</translation>
    </message>
</context>
</TS>
