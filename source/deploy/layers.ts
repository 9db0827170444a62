// Lambda takes only layers of the function's own region; CreateFunction would
// refuse any other after earlier steps already ran, so deploy checks first. Pure.
import type {Problem} from '../errors.js';

/** One problem per layer that is not in a region it is deployed to; `where` names the config key. */
export function layerRegionProblems(layers: readonly string[], regions: readonly string[], where: string): Problem[] {
	return regions.flatMap(region => layers.flatMap(layer => {
		const layerRegion = layer.replaceAll('{region}', region).split(':')[3];
		return layerRegion === region ? [] : [{
			where,
			message: `${layer} is a layer in ${layerRegion}, but the function deploys to ${region}: Lambda takes only layers of the function's own region (write {region} in the ARN, or publish the layer in ${region})`,
		}];
	}));
}
